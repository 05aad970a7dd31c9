import { describe, expect, it } from 'vitest';
import cases from '../fixtures/asana/task-urls.json';
import { parseTaskGid, parseTaskUrl } from '@/lib/asana/task-url';

describe('parseTaskGid over every real URL shape', () => {
  it.each(cases.map((c) => [c.url, c.task_gid, c.note] as const))('%s → %s', (url, expected) => {
    expect(parseTaskGid(url)).toBe(expected);
  });
});

describe('parseTaskGid never throws and only trusts app.asana.com', () => {
  it.each([
    [''],
    ['not a url'],
    ['javascript:alert(1)'],
    ['https://app.asana.com.evil.example/0/1/2'],
    ['https://evil.example/?u=https://app.asana.com/0/1/2'],
    ['ftp://app.asana.com/0/1/2'],
    ['https://app.asana.com/0/1/abc'],
    ['https://app.asana.com/1/abc/task/123'],
    ['https://app.asana.com/1/123/task/'],
    ['https://app.asana.com/0/search?child=notagid'],
    ['https://app.asana.com/'],
  ])('%j → null', (url) => {
    expect(parseTaskGid(url)).toBeNull();
  });

  it('survives non-string input', () => {
    expect(parseTaskGid(undefined as unknown as string)).toBeNull();
    expect(parseTaskGid({ toString: () => { throw new Error('x'); } } as unknown as string)).toBeNull();
  });
});

describe('parseTaskUrl', () => {
  it('gives the project and workspace of a V1 project task URL', () => {
    expect(parseTaskUrl('https://app.asana.com/1/11/project/22/task/33?focus=true')).toEqual({ taskGid: '33', projectGid: '22', workspaceGid: '11' });
  });
  it('gives the project of a V0 URL, but not the 0 placeholder', () => {
    expect(parseTaskUrl('https://app.asana.com/0/22/33/f')).toEqual({ taskGid: '33', projectGid: '22', workspaceGid: null });
    expect(parseTaskUrl('https://app.asana.com/0/0/33')).toEqual({ taskGid: '33', projectGid: null, workspaceGid: null });
  });
});
