import { buildTree, choose, currentPath, siblingsOf, type TreeNode } from '../../web/src/chat/tree.js';
import { parseFrame, readEvents, splitFrames } from '../../web/src/lib/sse.js';

// The web app's trickiest pure logic, run in Node (Jest only picks up *.e2e-spec.ts outside src/):
// which branch of a conversation tree is on screen, and reading server-sent events from a fetch body.

let clock = 0;
interface Node extends TreeNode {
  role: 'user' | 'assistant';
}
function msg(id: string, parentId: string | null, role: Node['role'] = 'assistant'): Node {
  clock += 1;
  return { id, parentId, role, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, clock)).toISOString() };
}

describe('conversation tree', () => {
  // u1 → a1, a2 (regenerated) ; a1 → u2 → a3 (the conversation went on under a1, then a2 was made)
  const u1 = msg('u1', null, 'user');
  const a1 = msg('a1', 'u1');
  const u2 = msg('u2', 'a1', 'user');
  const a3 = msg('a3', 'u2');
  const a2 = msg('a2', 'u1');
  const tree = buildTree([u1, a1, u2, a3, a2]);
  const ids = (path: Node[]) => path.map((m) => m.id);

  it('opens on the branch holding the newest message', () => {
    expect(ids(currentPath(tree, {}))).toEqual(['u1', 'a2']);
  });

  it('follows a chosen sibling, and below it the newest descendants', () => {
    expect(ids(currentPath(tree, choose({}, a1)))).toEqual(['u1', 'a1', 'u2', 'a3']);
  });

  it('numbers siblings in the order they were written', () => {
    expect(siblingsOf(tree, a1)).toMatchObject({ index: 0, total: 2, next: a2 });
    expect(siblingsOf(tree, a2)).toMatchObject({ index: 1, total: 2, previous: a1 });
    expect(siblingsOf(tree, u2)).toMatchObject({ index: 0, total: 1 });
  });

  it('shows a message whose parent is not loaded as a branch of its own', () => {
    expect(ids(currentPath(buildTree([msg('x', 'missing', 'user')]), {}))).toEqual(['x']);
  });
});

function streamOf(...chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks)
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>) {
  const events = [];
  for await (const event of readEvents(body)) events.push(event);
  return events;
}

describe('server-sent events', () => {
  it('parses named events, multi-line data and comments', () => {
    expect(parseFrame('event: delta\ndata: {"text":"a"}')).toEqual({
      event: 'delta',
      data: '{"text":"a"}',
      id: undefined,
    });
    expect(parseFrame(': keep-alive\ndata: one\ndata:two\nid: 7')).toEqual({
      event: 'message',
      data: 'one\ntwo',
      id: '7',
    });
    expect(parseFrame(': only a comment')).toBeNull();
  });

  it('splits frames on blank lines, CRLF included, keeping the unfinished rest', () => {
    expect(splitFrames('data: a\r\n\r\ndata: b\n\ndata: c')).toEqual({
      frames: ['data: a', 'data: b'],
      rest: 'data: c',
    });
  });

  it('reads events across chunk boundaries, even inside a UTF-8 character', async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: {"text":"é"}\n\n');
    const cut = bytes.indexOf(0xc3) + 1; // between the two bytes of "é"
    const events = await collect(
      streamOf('event: message\nda', 'ta: {}\n\n', bytes.slice(0, cut), bytes.slice(cut)),
    );
    expect(events.map((e) => [e.event, e.data])).toEqual([
      ['message', '{}'],
      ['delta', '{"text":"é"}'],
    ]);
  });

  it('drops a frame cut off by the end of the body', async () => {
    const events = await collect(streamOf('event: delta\ndata: {"text":"a"}\n\nevent: done\ndata: {"assist'));
    expect(events.map((e) => e.event)).toEqual(['delta']);
  });
});
