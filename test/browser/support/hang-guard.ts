/**
 * The browser suite's guard against hangs (not a performance bound): a journey drives Chromium
 * through a dozen pages with an axe check on each, on two cores shared with the other suites.
 */
jest.setTimeout(240_000);
