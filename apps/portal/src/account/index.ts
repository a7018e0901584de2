import './account.css';

export { AccountTotals } from './totals';
export { CreditsByTerm } from './credits';
export { CertificateList, DiplomaList, ExemptionList } from './records';
export { entryLabel, entrySubject, targetName, componentName, StatusBadge } from './parts';
export { useMoreEntries } from './more';
