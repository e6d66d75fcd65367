/** The audit worker thread: receives repository tasks, answers with their summaries. */
import { parentPort } from 'node:worker_threads';
import { auditRepository, type AuditTask } from './audit-repo.js';

export interface WorkerRequest {
  id: number;
  task: AuditTask;
}

export interface WorkerResponse {
  id: number;
  summary: ReturnType<typeof auditRepository>;
}

parentPort?.on('message', (request: WorkerRequest) => {
  const response: WorkerResponse = { id: request.id, summary: auditRepository(request.task) };
  parentPort?.postMessage(response);
});

// Loaded: the pool starts a task's clock only from here.
parentPort?.postMessage({ ready: true });
