import type { ComparisonTask, TaskRanking } from '../data/retrain.entities.js';

/** What a trainer sees: no origins (so the reported message is not singled out). */
export function taskView(task: ComparisonTask) {
  return {
    id: task.id,
    source: task.source,
    status: task.status,
    k: task.k,
    requiredRankings: task.requiredRankings,
    prompt: task.prompt,
    candidates: task.candidates.map((c, index) => ({ index, text: c.text })),
    agreement: task.agreement,
    createdAt: task.createdAt.toISOString(),
  };
}

/** What an operator sees: the provenance too. */
export function taskAdminView(task: ComparisonTask) {
  return { ...taskView(task), reportId: task.reportId, messageId: task.messageId, modelVersionId: task.modelVersionId, candidates: task.candidates, error: task.error };
}

export function rankingView(r: TaskRanking) {
  return { id: r.id, taskId: r.taskId, trainerId: r.trainerId, ranks: r.ranks, allUnacceptable: r.allUnacceptable, createdAt: r.createdAt.toISOString() };
}
