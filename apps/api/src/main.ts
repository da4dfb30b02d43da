// The report-qa command-line tool: parse, ingest, search, ask, eval, bench, serve, repair, indicators and model.
import { Command } from 'commander';
import { registerAskCommand } from './cli/ask-command.js';
import { registerBenchCommand } from './cli/bench-command.js';
import { registerDatabaseCommands } from './cli/database-command.js';
import { registerEvalCommand } from './cli/eval-command.js';
import { registerIngestCommand } from './cli/ingest-command.js';
import { registerIndicatorsCommand } from './cli/indicators-command.js';
import { registerModelCommand } from './cli/model-command.js';
import { registerParseCommand } from './cli/parse-command.js';
import { registerRepairCommand } from './cli/repair-command.js';
import { registerSearchCommand } from './cli/search-command.js';
import { registerServeCommand } from './cli/serve-command.js';

const program = new Command()
  .name('report-qa')
  .description('政府报告问答：解析、索引、检索、带引文回答，并提供 HTTP 服务')
  .showHelpAfterError();

registerParseCommand(program);
registerIngestCommand(program);
registerSearchCommand(program);
registerAskCommand(program);
registerEvalCommand(program);
registerBenchCommand(program);
registerServeCommand(program);
registerRepairCommand(program);
registerIndicatorsCommand(program);
registerModelCommand(program);
registerDatabaseCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`错误：${message}\n`);
  process.exitCode = 1;
});
