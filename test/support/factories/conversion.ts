import { TestApp } from '../test-app';
import { bearer, postExpecting } from './http';

/** Conversion rules and applications, through HTTP as a client would make them. */

export interface RuleBody {
  kind: 'CERT_TO_COURSE' | 'COURSE_TO_EXAM' | 'COURSE_TO_COURSE';
  name?: string;
  condition: object;
  targets: object[];
  creditsGranted?: string;
  maxCreditsPerEvidence?: string;
  effectiveFrom?: string;
  effectiveTo?: string;
}

/** A valid 免修 rule body: an INTERMEDIATE certificate of the scheme exempts the course. */
export function certificateRuleBody(schemeId: string, courseId: string, overrides: object = {}) {
  return {
    kind: 'CERT_TO_COURSE',
    name: 'Web前端开发中级证书免修核心课',
    condition: { certificate: { schemeId, minLevel: 'INTERMEDIATE' } },
    targets: [{ courseId }],
    maxCreditsPerEvidence: '8',
    effectiveFrom: '2024-09-01',
    ...overrides,
  };
}

/** POST /v1/conversion-rules as the token's holder; the raw answer. */
export function createRule(t: TestApp, options: { token: string; rule: object }) {
  return t.http().post('/v1/conversion-rules').set(bearer(options.token)).send(options.rule);
}

/** Creates and activates a rule over HTTP; returns the activation answer. */
export async function anActiveRule(
  t: TestApp,
  options: { token: string; rule: RuleBody },
): Promise<{ id: string; overlaps: unknown[] }> {
  const created = await postExpecting(t, {
    token: options.token,
    path: '/v1/conversion-rules',
    body: { name: '证书换课程学分', effectiveFrom: '2024-09-01', ...options.rule },
  });
  const activated = await postExpecting(t, {
    token: options.token,
    path: `/v1/conversion-rules/${String(created.id)}/activate`,
    body: {},
    status: 200,
  });
  return activated as unknown as { id: string; overlaps: unknown[] };
}

/** POST an exemption application; the raw answer. */
export function apply(
  t: TestApp,
  options: { token: string; learnerId: string; ruleId: string; target: object },
) {
  return t
    .http()
    .post(`/v1/learners/${options.learnerId}/exemption-applications`)
    .set(bearer(options.token))
    .send({ ruleId: options.ruleId, target: options.target });
}

/** POST a decision on an application; the raw answer. */
export function decide(
  t: TestApp,
  options: {
    token: string;
    applicationId: string;
    decision: 'APPROVE' | 'REJECT';
    reason?: string;
  },
) {
  return t
    .http()
    .post(`/v1/exemption-applications/${options.applicationId}/decision`)
    .set(bearer(options.token))
    .send({ decision: options.decision, reason: options.reason ?? '材料齐全，同意' });
}
