import { itOutlastsJestsDefaultTimeout } from '../support/hang-guard-check';

describe('the hang guard of this project', () => {
  itOutlastsJestsDefaultTimeout();
});
