#!/usr/bin/env python3
"""make_bank.py N OUT_DIR [--parts K] [--draw D] — writes a kiosk app whose question set
has N single-choice questions of about the seeds' size (a Chinese stem, four
options, an explanation, a competency: ~520 bytes each), in one file
(OUT_DIR/bank.lua) or in K part files (OUT_DIR/bank/partNN.lua, one section
each, named in bank.lua with exam.part: loaded one per call in the background);
--require: parts named with plain require (all loaded in one call: the old way);
--draw D: each section's paper is D questions drawn from it (else all of them). main.lua shows the welcome screen, then the quiz: a replay taps
"开始" and expects the first question's stem (see time_banks.sh)."""
import os
import sys


def question(i):
    return ('    exam.single { id = "q%d", stem = "第%d题：2026年客户服务规范强调“首问负责制”，以下哪项最能体现该原则？",\n'
            '      options = { "将客户问题转交给其他部门后不再跟进（编号%d）", "无论问题复杂与否，均由受理人全程负责到底",\n'
            '                  "仅在客户情绪激动时才提供重点服务与跟进", "对超出权限的问题直接拒绝客户的全部请求" },\n'
            '      answer = "B", explanation = "首问负责制要求受理人对客户问题全程负责。",\n'
            '      competencies = { "职责认知" } },\n') % (i, i, i)


DRAW = None


def section(sid, first, last):
    draw = ' draw = %d,' % DRAW if DRAW else ''
    out = ['  exam.section { id = "%s", title = "单选题 %s", points = 1,%s\n' % (sid, sid, draw)]
    out += [question(i) for i in range(first, last + 1)]
    out.append('  }')
    return ''.join(out)


def main():
    args = sys.argv[1:]
    global DRAW
    parts = 1
    if '--draw' in args:
        k = args.index('--draw')
        DRAW = int(args[k + 1])
        del args[k:k + 2]
    plain = '--require' in args  # parts by plain require (the code before exam.part)
    if plain:
        args.remove('--require')
    if '--parts' in args:
        k = args.index('--parts')
        parts = int(args[k + 1])
        del args[k:k + 2]
    n, out = int(args[0]), args[1]
    os.makedirs(out, exist_ok=True)
    head = 'local exam = require "kiosk.exam"\n'
    per = (n + parts - 1) // parts
    if parts == 1:
        body = head + 'return exam.set { id = "bank", title = "题库 %d 题",\n%s,\n}\n' % (n, section("s1", 1, n))
        with open(os.path.join(out, 'bank.lua'), 'w') as f:
            f.write(body)
    else:
        os.makedirs(os.path.join(out, 'bank'), exist_ok=True)
        names = []
        for p in range(parts):
            first, last = p * per + 1, min(n, (p + 1) * per)
            name = 'part%02d' % (p + 1)
            names.append(name)
            with open(os.path.join(out, 'bank', name + '.lua'), 'w') as f:
                f.write(head + 'return' + section("s%d" % (p + 1), first, last)[1:] + '\n')
        with open(os.path.join(out, 'bank.lua'), 'w') as f:
            f.write(head + 'return exam.set { id = "bank", title = "题库 %d 题",\n' % n)
            for name in names:
                f.write(('  require "bank.%s",\n' if plain else '  exam.part "bank.%s",\n') % name)
            f.write('}\n')
    with open(os.path.join(out, 'main.lua'), 'w') as f:
        f.write('-- A bank of %d questions (bench/banks/make_bank.py): welcome, then the quiz.\n'
                'local flow = require "kiosk.flow"\n'
                'return flow.app {\n'
                '  set = require "bank",\n'
                '  run = function(f)\n'
                '    f:welcome {}\n'
                '    f:quiz {}\n'
                '  end,\n'
                '}\n' % n)


main()
