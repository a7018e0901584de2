/** Debian's Chromium (apt-get install chromium fonts-noto-cjk); no browser is downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Without these, Chromium reaches for Google's hosts at every start and this machine's closed
 * network refuses each connection (DESIGN §11).
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
