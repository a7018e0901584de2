export * from './commands.module';
export * from './commands.errors';
export * from './command-context';
export * from './transactional-command.runner';
