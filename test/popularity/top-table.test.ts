import { describe, expect, it } from 'vitest';
import { formatTopTable } from '../../src/popularity/top-table.js';

describe('formatTopTable', () => {
  it('aligns rank, page and value', () => {
    expect(formatTopTable([['page37', 1234.5678], ['page100', 2.2]], '-- top --')).toBe(
      ['-- top --', ' #  page     popularity', ' 1  page37     1234.568', ' 2  page100       2.200'].join('\n'),
    );
    expect(formatTopTable([], 'h')).toContain('(no pages yet)');
  });
});
