import type { Page } from 'playwright-core';
import { bearer, postExpecting } from '../../support/factories/http';
import type { TestApp } from '../../support/test-app';
import { demoLogin, expectAccessible, screenshot, type Width } from './portal';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** One step of a staff journey: axe finds nothing grave, no id is shown, and a screenshot. */
export async function deskStep(
  page: Page,
  journey: string,
  name: string,
  width: Width,
): Promise<void> {
  await expectAccessible(page);
  expect(await page.locator('body').innerText()).not.toMatch(UUID);
  await screenshot(page, journey, name, width);
}

/** Reads until `ok` holds (the page answers after the API does), failing with the last value. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  if (!ok(value)) throw new Error(`still not as expected: ${JSON.stringify(value)}`);
  return value;
}

/** A bearer token of a demo login, signed in through the API. */
export async function demoToken(t: TestApp, username: string): Promise<string> {
  const response = await t.http().post('/v1/auth/login').send(demoLogin(username)).expect(200);
  return (response.body as { accessToken: string }).accessToken;
}

/**
 * An approved 免修 of the learner's course, resting on their certificate: the learner applies
 * under the rule that makes them eligible for it (their eligibility says which), the school's
 * registrar approves.
 */
export async function approvedExemption(
  t: TestApp,
  options: { learnerId: string; courseId: string; learner: string; registrar: string },
): Promise<void> {
  const learner = await demoToken(t, options.learner);
  const registrar = await demoToken(t, options.registrar);
  const eligibility = await t
    .http()
    .get(`/v1/learners/${options.learnerId}/eligibility`)
    .set(bearer(learner))
    .expect(200);
  const item = (
    eligibility.body.items as { ruleId: string; eligible: boolean; target: { courseId?: string } }[]
  ).find((candidate) => candidate.eligible && candidate.target.courseId === options.courseId);
  if (!item)
    throw new Error(`not eligible for ${options.courseId}: ${JSON.stringify(eligibility.body)}`);
  const application = await postExpecting(t, {
    token: learner,
    path: `/v1/learners/${options.learnerId}/exemption-applications`,
    body: { ruleId: item.ruleId, target: { courseId: options.courseId } },
  });
  await postExpecting(t, {
    token: registrar,
    path: `/v1/exemption-applications/${application.id as string}/decision`,
    body: { decision: 'APPROVE', reason: '证书有效，同意免修' },
    status: 200,
  });
}
