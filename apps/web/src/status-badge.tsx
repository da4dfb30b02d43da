// An unobtrusive note when search runs on keywords only or the service reports a problem.
import type { Health } from '@report-qa/schema';

interface StatusBadgeProps {
  health: Health | null;
  error: string | null;
}

export function StatusBadge({ health, error }: StatusBadgeProps) {
  if (error) return <span class="badge badge-error" role="status">服务不可用</span>;
  if (!health) return null;
  const keywordOnly = health.embeddings.provider === 'none' || health.embeddings.warning !== null;
  const details = [health.embeddings.warning, ...health.warnings].filter((text): text is string => !!text);
  const label = keywordOnly ? '仅关键词检索' : health.status === 'degraded' ? '服务降级' : null;
  if (!label) return null;
  return (
    <details class="badge">
      <summary>{label}</summary>
      <div class="badge-details">
        {keywordOnly && <p>语义检索不可用，目前只按关键词匹配，措辞不同的问题可能找不到答案。</p>}
        {details.map((text) => (
          <p key={text}>{text}</p>
        ))}
      </div>
    </details>
  );
}
