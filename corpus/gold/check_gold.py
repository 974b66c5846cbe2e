#!/usr/bin/env python3
"""Validate the gold annotations and re-derive claim states (standard library only).

Usage:  python3 corpus/gold/check_gold.py [--stats]

Checks that
  * every row of sentences.jsonl has the expected fields and values,
  * every sentence text is found in its article (``article_text.find(text)``) and the rows
    of one article are in document order,
  * every cue text is a substring of its sentence,
  * every claim key is consistent with its relation and entities,
  * claims.jsonl has exactly one row per claim key used in sentences.jsonl,
  * the state / first_seen / resolved_by of every claim in claims.jsonl equals the state
    re-derived from the sentence annotations, the article dates and expected_by.
Exit status 1 if anything is wrong.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(os.path.dirname(HERE), 'articles')
REFERENCE_DATE = '2026-11-23'
STANCES = {'hedged', 'reported', 'asserted', 'confirmed', 'denied'}
KINDS = {'hedge', 'report', 'confirm', 'deny'}
RELATIONS = {'partnership', 'partnership_end', 'acquisition', 'launch', 'feature', 'investment', 'sanction'}
UNORDERED = {'partnership', 'partnership_end'}
STATES = {'rumour', 'confirmed', 'denied', 'fact', 'expired'}
# a sentence's three axes (SPEC « factuality »), optional
AXES = {'polarity': {'positive', 'negative'}, 'certainty': {'certain', 'probable', 'possible'},
        'source': {'writer', 'party', 'third_party'}}
MONTHS = {m: i + 1 for i, m in enumerate(
    'January February March April May June July August September October November December'.split())}


def article_date(text):
    """Publication date of an article, as YYYY-MM-DD.

    1. a header ``date YYYY-MM-DD`` (or ``date YYYY-MM``, read as the 1st of the month) at the start;
    2. otherwise the first English date « Month D, YYYY » in the text (embedded tweet signature);
    3. otherwise the reference date 2026-11-23.
    """
    m = re.match(r'\s*date (\d{4})-(\d{2})(?:-(\d{2}))?', text)
    if m:
        return '%s-%s-%s' % (m.group(1), m.group(2), m.group(3) or '01')
    m = re.search(r'\b(%s) (\d{1,2}), (\d{4})\b' % '|'.join(MONTHS), text)
    if m:
        return '%s-%02d-%02d' % (m.group(3), MONTHS[m.group(1)], int(m.group(2)))
    return REFERENCE_DATE


def load_jsonl(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def derive(mentions, expected_by):
    """mentions: list of (date, article, position, stance), any order.

    Articles are taken in (date, file name) order. Mentions inside one article never resolve
    each other. First article: any hedged/reported mention -> rumour; otherwise the first mention
    in text order decides (denied -> denied, else fact). Each later article whose first resolving
    mention (asserted/confirmed/denied, in text order) is:
      denied              -> state becomes denied (unless already denied),
      asserted/confirmed  -> rumour or denied becomes confirmed; fact/confirmed stay.
    resolved_by is the article of the last state change after the first article.
    A rumour whose expected_by is before the reference date becomes expired.
    """
    by_article = collections.defaultdict(list)
    for date, art, pos, stance in mentions:
        by_article[(date, art)].append((pos, stance))
    order = sorted(by_article)
    first = sorted(by_article[order[0]])
    stances = [s for _, s in first]
    if any(s in ('hedged', 'reported') for s in stances):
        state = 'rumour'
    elif stances[0] == 'denied':
        state = 'denied'
    else:
        state = 'fact'
    resolved_by = None
    for key in order[1:]:
        resolving = [s for _, s in sorted(by_article[key]) if s in ('asserted', 'confirmed', 'denied')]
        if not resolving:
            continue
        if resolving[0] == 'denied':
            if state != 'denied':
                state, resolved_by = 'denied', key[1]
        elif state in ('rumour', 'denied'):
            state, resolved_by = 'confirmed', key[1]
    if state == 'rumour' and expected_by and expected_by < REFERENCE_DATE:
        state = 'expired'
    return state, order[0][0], resolved_by


def main():
    errors = []
    texts, dates = {}, {}
    for name in sorted(os.listdir(CORPUS)):
        if name.endswith('.txt'):
            with open(os.path.join(CORPUS, name), encoding='utf-8') as f:
                texts[name] = f.read()
            dates[name] = article_date(texts[name])
            if not re.match(r'\d{3}_[a-z0-9_]+\.txt$', name):
                errors.append('bad article file name %s' % name)
            if not name.startswith('00') and not re.match(r'date \d{4}-\d{2}-\d{2}\n', texts[name]):
                errors.append('%s: first line is not "date YYYY-MM-DD"' % name)

    rows = load_jsonl(os.path.join(HERE, 'sentences.jsonl'))
    mentions = collections.defaultdict(list)
    relent = {}
    last_pos = collections.defaultdict(int)
    seen_articles = set()
    for i, r in enumerate(rows, 1):
        where = 'sentences.jsonl:%d' % i
        if set(r) - {'factuality'} != {'article', 'text', 'stance', 'cues', 'source', 'claims'}:
            errors.append('%s: fields %s' % (where, sorted(r)))
            continue
        f = r.get('factuality')
        if f is not None and (set(f) != set(AXES) or any(f[k] not in AXES[k] for k in AXES)):
            errors.append('%s: factuality %s' % (where, f))
        art = r['article']
        if art not in texts:
            errors.append('%s: unknown article %s' % (where, art))
            continue
        seen_articles.add(art)
        text = texts[art]
        if text.find(r['text']) < 0:
            errors.append('%s: text not found in %s: %r' % (where, art, r['text']))
            continue
        pos = text.find(r['text'], last_pos[art])
        if pos < 0:
            errors.append('%s: row out of document order in %s: %r' % (where, art, r['text']))
            pos = text.find(r['text'])
        last_pos[art] = pos + len(r['text'])
        if r['stance'] not in STANCES:
            errors.append('%s: bad stance %r' % (where, r['stance']))
        if r['source'] is not None and not (isinstance(r['source'], str) and r['source'].strip()):
            errors.append('%s: bad source %r' % (where, r['source']))
        for c in r['cues']:
            if set(c) != {'text', 'kind'} or c['kind'] not in KINDS:
                errors.append('%s: bad cue %r' % (where, c))
            elif c['text'] not in r['text']:
                errors.append('%s: cue %r not in sentence' % (where, c['text']))
        keys_here = set()
        for c in r['claims']:
            if set(c) != {'key', 'relation', 'entities', 'stance'}:
                errors.append('%s: claim fields %s' % (where, sorted(c)))
                continue
            rel, ents = c['relation'], c['entities']
            if rel not in RELATIONS or len(ents) != 2 or c['stance'] not in STANCES:
                errors.append('%s: bad claim %r' % (where, c))
                continue
            low = [e.lower() for e in ents]
            if rel in UNORDERED:
                low = sorted(low)
            if c['key'] != '%s:%s|%s' % (rel, low[0], low[1]):
                errors.append('%s: key %r does not match %s %r' % (where, c['key'], rel, ents))
            if c['key'] in keys_here:
                errors.append('%s: claim %s twice in one sentence' % (where, c['key']))
            keys_here.add(c['key'])
            if c['key'] in relent and [e.lower() for e in relent[c['key']][1]] != [e.lower() for e in ents]:
                errors.append('%s: entity order differs for %s' % (where, c['key']))
            relent.setdefault(c['key'], (rel, ents))
            mentions[c['key']].append((dates[art], art, pos, c['stance']))
    for art in sorted(set(texts) - seen_articles):
        errors.append('article without gold sentences: %s' % art)

    claims = {c['key']: c for c in load_jsonl(os.path.join(HERE, 'claims.jsonl'))}
    for k in sorted(set(mentions) - set(claims)):
        errors.append('claims.jsonl: missing %s' % k)
    for k in sorted(set(claims) - set(mentions)):
        errors.append('claims.jsonl: %s never appears in sentences.jsonl' % k)
    for k in sorted(set(claims) & set(mentions)):
        c = claims[k]
        if c.get('state') not in STATES:
            errors.append('claims.jsonl: %s bad state %r' % (k, c.get('state')))
        if (c['relation'], [e.lower() for e in c['entities']]) != (relent[k][0], [e.lower() for e in relent[k][1]]):
            errors.append('claims.jsonl: %s relation/entities differ from sentences.jsonl' % k)
        state, first_seen, resolved_by = derive(mentions[k], c.get('expected_by'))
        got = (c['state'], c['first_seen'], c['resolved_by'])
        if got != (state, first_seen, resolved_by):
            errors.append('claims.jsonl: %s is %r, re-derived %r' % (k, got, (state, first_seen, resolved_by)))

    if '--stats' in sys.argv:
        print('articles: %d (%d seeds)' % (len(texts), sum(n.startswith('00') for n in texts)))
        print('sentences: %d' % len(rows))
        print('sentences per stance:', dict(collections.Counter(r['stance'] for r in rows).most_common()))
        print('sentences with >=1 claim: %d' % sum(1 for r in rows if r['claims']))
        print('claim mentions: %d' % sum(len(r['claims']) for r in rows))
        print('claim mentions per stance:', dict(collections.Counter(
            c['stance'] for r in rows for c in r['claims']).most_common()))
        print('cues per kind:', dict(collections.Counter(c['kind'] for r in rows for c in r['cues']).most_common()))
        print('claims: %d' % len(claims))
        print('claims per relation:', dict(collections.Counter(c['relation'] for c in claims.values()).most_common()))
        print('claims per state:', dict(collections.Counter(c['state'] for c in claims.values()).most_common()))
    for e in errors:
        print('ERROR', e)
    print('%d error(s)' % len(errors))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
