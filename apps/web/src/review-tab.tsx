// The 问答记录 tab's entry: loads the review page as its own chunk the first time the tab opens (few users are reviewers).
import type { Citation } from '@report-qa/schema';
import { useEffect, useState } from 'preact/hooks';
import type { ReviewViewProps } from './review-view.js';
import type { WithKey } from './use-api-key-prompt.js';

type View = (props: ReviewViewProps) => preact.JSX.Element;

interface ReviewTabProps {
  active: boolean;
  withKey: WithKey;
  onOpen: (citation: Citation, siblings: readonly Citation[]) => void;
}

export function ReviewTab({ active, withKey, onOpen }: ReviewTabProps) {
  const [View, setView] = useState<View | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!active || View) return;
    import('./review-view.js').then(
      (module) => setView(() => module.ReviewView),
      () => setFailed(true),
    );
  }, [active, View]);
  if (failed) return <p class="note error">无法加载问答记录页面，请刷新重试。</p>;
  if (!View) return active ? <p class="waiting">正在加载问答记录…</p> : null;
  return <View active={active} withKey={withKey} onOpen={onOpen} />;
}
