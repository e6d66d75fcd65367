/** Docker across formats: engine versions, dind settings, command lints and the executor advisor. */
export { lintDocker, dockerLints } from './lint.js';
export { chooseCircleciDockerExecutor, reportExecutorChoice, type ExecutorChoice } from './executor-advisor.js';
export {
  chooseDindVersion,
  chooseRemoteDockerVersion,
  dindServiceImage,
  dockerCliImage,
  isDindTlsCapable,
  isFloatingDockerImage,
  type VersionChoice,
} from './versions.js';
export { dindMode, dindSetup, type DindExecutor, type DindMode, type DindSetup } from './dind-setup.js';
export { reportVersionChoice } from './report-version.js';
export { splitCommands, type SimpleCommand, type ShellWord } from './shell-words.js';
export { targetEngine, type EngineOptions, type TargetEngine } from './engine.js';
