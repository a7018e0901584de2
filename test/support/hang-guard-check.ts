/**
 * Fails with Jest's "Exceeded timeout of 5000 ms" when a project loses its hang guard
 * (`setupFilesAfterEnv: ['<rootDir>/test/support/hang-guard.ts']`).
 */
export function itOutlastsJestsDefaultTimeout(): void {
  it("lets a test run past Jest's 5 s default timeout", async () => {
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_500);
  });
}
