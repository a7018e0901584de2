/**
 * A queued job's progress, announced politely to screen readers: the same markup as the rule
 * page's eligibility scan, for a job whose state the page reads from its own resource.
 */
export function JobProgress({ id, label, value }: { id: string; label: string; value: number }) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div class="job-progress" role="status" aria-live="polite">
      <label for={id}>{label}</label>
      <progress id={id} max={100} value={percent}>
        {`${percent}%`}
      </progress>
    </div>
  );
}
