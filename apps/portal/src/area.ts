import type { AnyComponent } from 'preact';
import type { Dictionary } from './i18n/zh-CN';

/** What one role sees: its pages, the links of its navigation, and where it starts. */
export interface Area {
  home: string;
  nav: { path: string; label: (t: Dictionary) => string }[];
  routes: { path: string; component: AnyComponent }[];
}
