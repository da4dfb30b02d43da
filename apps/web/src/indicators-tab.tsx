// The 指标 tab's entry: loads the view (table, charts and their styles) as its own chunk the first time the tab opens.
import type { IndicatorDescription, IndicatorRowWire, IndicatorValueWire } from '@report-qa/schema';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ViewerTarget } from './document-viewer.js';
import type { WithKey } from './use-api-key-prompt.js';
import type { IndicatorsViewProps } from './indicators-view.js';

type View = (props: IndicatorsViewProps) => preact.JSX.Element;

interface IndicatorsTabProps {
  active: boolean;
  revision: unknown;
  withKey: WithKey;
  /** Opens the source viewer at a value's quote. */
  openSource: (target: ViewerTarget) => void;
}

export function IndicatorsTab({ active, revision, withKey, openSource }: IndicatorsTabProps) {
  const [View, setView] = useState<View | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!active || View) return;
    import('./indicators-view.js').then(
      (module) => setView(() => module.IndicatorsView),
      () => setFailed(true),
    );
  }, [active, View]);
  const onOpen = useCallback(
    (row: IndicatorRowWire, indicator: IndicatorDescription, value: IndicatorValueWire) => {
      const passage = { docId: row.documentId, n: 1, start: value.start, end: value.end, quote: value.quote, sectionPath: `${indicator.name}：${value.text}` };
      openSource({ docId: row.documentId, passage });
    },
    [openSource],
  );
  if (failed) return <p class="note error">无法加载指标页面，请刷新重试。</p>;
  if (!View) return active ? <p class="waiting">正在加载指标…</p> : null;
  return <View revision={revision} withKey={withKey} onOpen={onOpen} />;
}
