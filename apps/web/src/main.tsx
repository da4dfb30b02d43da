// Entry of the web chat app.
import { render } from 'preact';

render(<main>报告问答</main>, document.getElementById('app')!);
