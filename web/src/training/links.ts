export function runPath(id: string): string {
  return `/manage/training/${encodeURIComponent(id)}`;
}
