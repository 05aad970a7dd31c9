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
    ['https://app.asana.com/0/1/x123'], // a gid is digits only, from start to end
    ['https://app.asana.com/0/1/123x'],
    ['https://app.asana.com/0/1/123456789012345678901'], // 21 digits: longer than any gid
    ['https://app.asana.com/1/x11/task/33'],
    ['https://app.asana.com/1/11/task/33x'],
    ['https://app.asana.com/0/search/x/abc'],
    ['https://app.asana.com/0/inbox/1/abc/3'],
    ['https://app.asana.com/0/home/1/abc'],
    ['https://app.asana.com/0/x22/33'],
    ['https://app.asana.com/2/11/task/33'],
    ['https://app.asana.com/task/33'],
    ['file://app.asana.com/0/1/2'],
    ['https://app.asana.com/5/22/33'], // neither V0 nor V1
    ['https://app.asana.com/api/1.0/tasks/33'],
  ])('%j → null', (url) => {
    expect(parseTaskGid(url)).toBeNull();
  });

  it('survives non-string input', () => {
    expect(parseTaskGid(undefined as unknown as string)).toBeNull();
    expect(parseTaskGid({ toString: () => { throw new Error('x'); } } as unknown as string)).toBeNull();
  });
});

describe('parseTaskUrl', () => {
  it.each([
    ['https://app.asana.com/1/11/project/22/task/33', { taskGid: '33', projectGid: '22', workspaceGid: '11' }],
    ['https://app.asana.com/1/11/task/33', { taskGid: '33', projectGid: null, workspaceGid: '11' }],
    ['https://app.asana.com/1/11/home/task/33', { taskGid: '33', projectGid: null, workspaceGid: '11' }],
    ['https://app.asana.com/1/11/project/abc/task/33', { taskGid: '33', projectGid: null, workspaceGid: '11' }], // not a gid
    ['https://app.asana.com/1/11/task/33/project/22', { taskGid: '33', projectGid: null, workspaceGid: '11' }], // after the task: not its project
    ['https://app.asana.com/1/11/project/22/task/33/comment/44', { taskGid: '33', projectGid: '22', workspaceGid: '11' }],
    ['https://app.asana.com/1/11/project/task/33', { taskGid: '33', projectGid: null, workspaceGid: '11' }], // "project" names no gid
    ['https://app.asana.com/0/search/x/33?child=44', { taskGid: '33', projectGid: null, workspaceGid: null }], // the path wins
    ['https://app.asana.com/0/search?child=44', { taskGid: '44', projectGid: null, workspaceGid: null }],
    ['https://app.asana.com/0/inbox/11/33/44', { taskGid: '33', projectGid: null, workspaceGid: null }], // 11 is a user, not a workspace
    ['https://app.asana.com/0/home/11/33', { taskGid: '33', projectGid: null, workspaceGid: '11' }],
    ['https://app.asana.com/0/home/me/33', { taskGid: '33', projectGid: null, workspaceGid: null }],
    ['http://app.asana.com/0/22/33', { taskGid: '33', projectGid: '22', workspaceGid: null }],
  ])('%s', (url, info) => {
    expect(parseTaskUrl(url)).toEqual(info);
  });

  it('gives the project and workspace of a V1 project task URL', () => {
    expect(parseTaskUrl('https://app.asana.com/1/11/project/22/task/33?focus=true')).toEqual({ taskGid: '33', projectGid: '22', workspaceGid: '11' });
  });
  it('gives the project of a V0 URL, but not the 0 placeholder', () => {
    expect(parseTaskUrl('https://app.asana.com/0/22/33/f')).toEqual({ taskGid: '33', projectGid: '22', workspaceGid: null });
    expect(parseTaskUrl('https://app.asana.com/0/0/33')).toEqual({ taskGid: '33', projectGid: null, workspaceGid: null });
  });
});
