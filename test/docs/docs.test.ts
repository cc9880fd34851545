import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * The documentation holds together: every page of docs/ is linked from README, every relative link
 * and anchor resolves, no file cites a note that is not in the repository, and README's folder map
 * matches src/.
 */
const root = resolve(fileURLToPath(import.meta.url), '../../..');

/** Pages README links that are written separately: a missing one is not a broken link (yet). */
const pagesWrittenSeparately = ['docs/security-and-limits.md'];

function walk(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, keep));
    else if (keep(p)) out.push(p);
  }
  return out.sort();
}

const pages = ['README.md', ...walk('docs', (p) => p.endsWith('.md'))];

/** Text outside fenced code blocks. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(markdown).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\- _]/gu, '').replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

function links(page: string): { target: string; anchor: string }[] {
  const text = prose(readFileSync(join(root, page), 'utf8'));
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^[a-z]+:/.test(t))
    .map((t) => {
      const [path, anchor = ''] = t.split('#') as [string, string?];
      return { target: path === '' ? page : join(dirname(page), path), anchor };
    });
}

describe('documentation', () => {
  test('every page of docs/ is linked from README', () => {
    const linked = new Set(links('README.md').map((l) => l.target));
    expect(pages.filter((p) => p !== 'README.md' && !linked.has(p))).toEqual([]);
  });

  test('every relative link and anchor in README and docs/ resolves', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const { target, anchor } of links(page)) {
        if (!existsSync(join(root, target))) {
          if (!pagesWrittenSeparately.includes(target)) broken.push(`${page}: ${target} does not exist`);
          continue;
        }
        if (anchor && target.endsWith('.md') && !anchors(readFileSync(join(root, target), 'utf8')).has(anchor)) {
          broken.push(`${page}: ${target}#${anchor} has no such heading`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  test('no file cites the reference notes the models were written from: they are not in the repository', () => {
    // Model facts are cited as docs/models/*.md or upstream sources; a name below must resolve
    // from the repository root or from the citing file's folder.
    const files = [
      ...pages,
      ...['src', 'test', 'bench', 'scenarios'].flatMap((d) => walk(d, (p) => /\.(ts|mjs|md|ya?ml|json|c)$/.test(p) && !p.startsWith('test/golden/summaries/'))),
    ];
    const bad: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      if (/shared\/reference/.test(text)) bad.push(`${file}: names the reference folder`);
      for (const m of text.matchAll(/(?<![\w.-])((?:[\w.-]+\/)*(?:cfs|hpa|node-autoscaling|node-case-format|scale-profile|house-style)\.md)\b/g)) {
        const name = m[1]!;
        if (![name, join(dirname(file), name)].some((c) => existsSync(join(root, c)))) bad.push(`${file}: ${name}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test("README's folder map names exactly the folders of src/, and every folder it names exists", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const map = readme.slice(readme.indexOf('## Folder map'), readme.indexOf('\n## ', readme.indexOf('## Folder map') + 1));
    const named = [...map.matchAll(/^\| `([\w./-]+)\/` \|/gm)].map((m) => m[1]!);
    const srcFolders = readdirSync(join(root, 'src')).filter((n) => statSync(join(root, 'src', n)).isDirectory()).map((n) => `src/${n}`);
    expect(named.filter((n) => n.startsWith('src/')).sort()).toEqual(srcFolders.sort());
    expect(named.filter((n) => !existsSync(join(root, n))).map((n) => relative(root, join(root, n)))).toEqual([]);
  });
});
