#!/usr/bin/env python3
"""Where the main thread's time goes, by side (starter job / bare loop) and phase, from a JDK Flight Recorder file.

JDK 17's `jfr` has no `view hot-methods`; this reads `jfr print`'s text instead:

    jfr print --stack-depth 200 --events jdk.ExecutionSample,jdk.NativeMethodSample overhead.jfr > samples.txt
    demon-benchmarks/profile/jfr_phases.py samples.txt

A sample is the job's when its stack holds the starter's job or session frames, the bare loop's when it holds
BareTrainingLoop. Its phase is decided by the frame nearest the top of the stack that names one (PHASES), so a
listener called from inside EasyTrain.trainBatch counts as a listener, not as forward + backward. Under each phase the
frames that called into native code (the engine's C API through JNA) or ran Java code are listed. With the `profile`
settings JFR samples Java code every 10 ms and threads in native code every 20 ms: compare shares of one kind.
"""
import collections
import re
import sys

PHASES = [
    ('reseed (Engine.setRandomSeed)', ['setRandomSeed']),
    ('stop and lease checks', ['lambda$batchBoundary', 'lambda$stopRequested', 'requireHeld']),
    ('job launch and end (Spring Batch, H2, models, report)', ['SimpleJobOperator', 'TrainingJobListener.afterJob',
                                                                'TrainingJobListener.beforeJob', 'JdbcJobLeases']),
    ('listeners', ['onTrainingBatch', 'onValidationBatch', 'TrainingListener.onEpoch', 'notifyListeners']),
    ('update (Trainer.step)', ['Trainer.step(']),
    ('forward + backward (EasyTrain.trainBatch)', ['EasyTrain.trainBatch(']),
    ('validation', ['EasyTrain.validateBatch(', 'EasyTrain.evaluateDataset(']),
    ('data', ['Dataset.getData', 'DataIterable', 'Batchifier', 'RandomAccessDataset', 'TrainingData']),
    ('checkpoint and model files', ['saveParameters', 'Checkpoint', 'ModelExporter', 'AtomicFiles', 'saveProgress']),
    ('model build', ['initialize(', 'newTrainer', 'Model.newInstance']),
]


def side_of(stack):
    if 'BareTrainingLoop' in stack:
        return 'bare loop'
    if 'TrainingSession' in stack or 'springframework.batch' in stack or 'runJob' in stack:
        return 'starter job'
    return 'other'


def main(path):
    text = open(path, encoding='utf-8').read()
    counts = collections.defaultdict(collections.Counter)
    callers = collections.defaultdict(collections.Counter)
    for event in re.split(r'\n(?=jdk\.(?:ExecutionSample|NativeMethodSample) \{)', text):
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        if not thread or thread.group(1) != 'main':
            continue
        frames = [re.sub(r'\s+line:.*', '', f).strip() for f in re.findall(r'^\s{4}(\S.*)$', event, re.M)]
        frames = [f for f in frames if '(' in f]
        if not frames:
            continue
        side = side_of('\n'.join(frames))
        phase = next((name for f in frames for name, keys in PHASES if any(k in f for k in keys)), 'other')
        kind = 'native' if event.startswith('jdk.NativeMethodSample') else 'java'
        counts[side][phase] += 1
        caller = next((f for f in frames if not f.startswith(('com.sun.jna', 'jdk.internal', 'java.'))), frames[0])
        caller = re.sub(r'\(.*\)', '()', re.sub(r'jdk\.proxy\d+\.\$Proxy\d+\.', 'C API ', caller))
        callers[(side, phase)][kind + ' ' + caller] += 1
    for side in ('starter job', 'bare loop', 'other'):
        total = sum(counts[side].values())
        if not total:
            continue
        print(f'### {side}: {total} samples of the main thread\n')
        print('| phase | samples | share | top frames (samples) |\n|---|---:|---:|---|')
        for phase, count in counts[side].most_common():
            tops = '; '.join(f'`{f}` ({n})' for f, n in callers[(side, phase)].most_common(3))
            print(f'| {phase} | {count} | {100 * count / total:.1f}% | {tops} |')
        print()


if __name__ == '__main__':
    main(sys.argv[1])
