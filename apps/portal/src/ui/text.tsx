import { formatDate, formatNumber, useI18n } from '../i18n/i18n';

/** A date or instant, in China time, as a <time> element carrying the machine value. */
export function DateText({
  value,
  withTime = false,
}: {
  value: string | null | undefined;
  withTime?: boolean;
}) {
  const { lang } = useI18n();
  if (!value) return null;
  return <time dateTime={value}>{formatDate(lang, value, withTime)}</time>;
}

export function NumberText({ value }: { value: number | string }) {
  const { lang } = useI18n();
  return <>{formatNumber(lang, value)}</>;
}

/** A status as a coloured badge with its name in words. */
export function Badge({
  tone,
  children,
}: {
  tone: 'good' | 'bad' | 'wait' | 'plain';
  children: string;
}) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}
