#!/usr/bin/env python3
"""Rebuilds samples/formats/ from ../shared/data (real records) plus clearly marked synthetic ones.

Run from the repo root with ../shared beside it:  python3 samples/formats/build.py
Needs only python3 and ffmpeg. The outputs are committed; nothing runs this at build or test time.
See README.md in this folder for what each file holds and its licence.
"""
import base64
import gzip
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'data'))
MEDIA = os.path.join(HERE, 'media')


def write_jsonl(name, records):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8', newline='\n') as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')


def write_json(name, records):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8', newline='\n') as f:
        json.dump(records, f, ensure_ascii=False, indent=2)
        f.write('\n')


def ffmpeg(*args):
    subprocess.run(['ffmpeg', '-loglevel', 'error', '-y', *args], check=True)


def b64(path):
    with open(path, 'rb') as f:
        return base64.b64encode(f.read()).decode('ascii')


os.makedirs(MEDIA, exist_ok=True)

# ---- media: five MJ-Bench pairs downscaled to 256 px; placeholders drawn by ffmpeg -----------------
MJ = json.load(open(os.path.join(DATA, 'mj-bench-quality-objects-indoor', 'captions_objects_first30.json')))[:5]
for r in MJ:
    for key in ('image_0', 'image_1'):
        src = os.path.join(DATA, 'mj-bench-quality-objects-indoor', 'images', r[key])
        ffmpeg('-i', src, '-vf', 'scale=256:-1', '-q:v', '5', os.path.join(MEDIA, r[key]))
ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=128x128', '-frames:v', '1', os.path.join(MEDIA, 'synthetic-placeholder-a.png'))
ffmpeg('-f', 'lavfi', '-i', 'smptebars=s=128x128', '-frames:v', '1', os.path.join(MEDIA, 'synthetic-placeholder-b.png'))
ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=96x96:d=1:r=8', '-c:v', 'libvpx-vp9', '-b:v', '30k', os.path.join(MEDIA, 'synthetic-placeholder-a.webm'))
ffmpeg('-f', 'lavfi', '-i', 'smptebars=s=96x96:d=1:r=8', '-c:v', 'libvpx-vp9', '-b:v', '30k', os.path.join(MEDIA, 'synthetic-placeholder-b.webm'))
# 64 px thumbnails, embedded as bytes where a format stores images inline (VL-RewardBench, Pick-a-Pic).
THUMB = {}
for r in MJ:
    for key in ('image_0', 'image_1'):
        out = os.path.join('/tmp', 'rl-thumb-' + r[key])
        ffmpeg('-i', os.path.join(MEDIA, r[key]), '-vf', 'scale=64:-1', '-q:v', '6', out)
        THUMB[r[key]] = b64(out)
        os.remove(out)
media = lambda name: 'media/' + name

# ---- HH-RLHF: 10 real records (the shortest multi-turn ones of the first 200 lines) -------------------
hh_lines = gzip.open(os.path.join(DATA, 'hh-rlhf-harmless-base-test', 'harmless-base-test.jsonl.gz'), 'rt', encoding='utf-8').read().splitlines()
hh = [json.loads(l) for l in hh_lines[:200]]
hh = sorted((r for r in hh if r['chosen'].count('\n\nHuman:') >= 2), key=lambda r: len(r['chosen']) + len(r['rejected']))[:10]
write_jsonl('hh-rlhf.jsonl', hh)

# ---- RM-Bench: 5 real records, pretty-printed JSON array as the benchmark ships ----------------------
rm = json.load(open(os.path.join(DATA, 'rm-bench-chat', 'chat_filtered.json')))
rm = sorted(rm, key=lambda r: len(json.dumps(r)))[:5]
write_json('rm-bench.json', rm)

# ---- RewardBench / RewardBench 2 / UltraFeedback: real RM-Bench text in those shapes -----------------
write_jsonl('rewardbench.jsonl', [
    {'prompt': r['prompt'], 'chosen': r['chosen'][1], 'chosen_model': 'rm-bench-chosen', 'rejected': r['rejected'][1],
     'rejected_model': 'rm-bench-rejected', 'subset': 'rm-bench-' + r['subset'], 'id': 'rmbench-%s-as-rewardbench' % r['id']}
    for r in rm])
write_jsonl('rewardbench-2.jsonl', [
    {'id': 'rmbench-%s-as-rewardbench2' % r['id'], 'prompt': r['prompt'], 'chosen': [r['chosen'][0]], 'rejected': r['rejected'],
     'num_correct': 1, 'num_rejected': len(r['rejected']), 'total_completions': 1 + len(r['rejected']),
     'models': ['rm-bench'] * (1 + len(r['rejected'])), 'subset': 'rm-bench-' + r['subset']}
    for r in rm])
write_jsonl('ultrafeedback-binarized.jsonl', [
    {'prompt': r['prompt'], 'prompt_id': 'rmbench-%s-as-ultrafeedback' % r['id'],
     'chosen': [{'role': 'user', 'content': r['prompt']}, {'role': 'assistant', 'content': r['chosen'][2]}],
     'rejected': [{'role': 'user', 'content': r['prompt']}, {'role': 'assistant', 'content': r['rejected'][2]}],
     'messages': [{'role': 'user', 'content': r['prompt']}, {'role': 'assistant', 'content': r['chosen'][2]}],
     'score_chosen': 8.0, 'score_rejected': 3.0,
     'note': 'synthetic scores; text from RM-Bench chat (markdown style)'}
    for r in rm])

# ---- Skywork: real HH-RLHF transcripts turned into message lists ------------------------------------
def turns(transcript):
    out = []
    for chunk in transcript.split('\n\n')[1:]:
        if chunk.startswith('Human: ') or chunk.startswith('Human:'):
            out.append({'role': 'user', 'content': chunk.split(':', 1)[1].strip()})
        elif chunk.startswith('Assistant:'):
            out.append({'role': 'assistant', 'content': chunk.split(':', 1)[1].strip()})
        elif out:
            out[-1]['content'] += '\n\n' + chunk
    return out
write_jsonl('skywork-preference.jsonl', [
    {'chosen': turns(r['chosen']), 'rejected': turns(r['rejected']), 'source': 'hh-rlhf-harmless-base (converted)'}
    for r in hh[:6]])

# ---- OmniReward-Factory sharegpt: 5 real records + 1 synthetic TI2T record with an image -------------
sg = json.load(open(os.path.join(DATA, 'omnireward-factory-dpo-en-demo', 'dpo_en_demo.json')))
sg = sorted(sg[:60], key=lambda r: len(json.dumps(r)))[:5]
sg.append({
    'id': 'synthetic-ti2t-1',
    'conversations': [
        {'from': 'system', 'value': 'Prefer the answer that describes only what is visible in the image.'},
        {'from': 'human', 'value': '<image>What furniture is in this room?'}],
    'chosen': {'from': 'gpt', 'value': 'A long wooden dining table with dark chairs along both sides, under a glass roof with plants around.'},
    'rejected': {'from': 'gpt', 'value': 'A sofa, a television and a fireplace.'},
    'images': [media(MJ[0]['image_0'])]})
write_json('omnireward-factory-sharegpt.json', sg)

# ---- MJ-Bench: real records (repo spelling) pointing at the downscaled images; HF spelling beside ----
write_json('mj-bench.json', [dict(r, image_0=media(r['image_0']), image_1=media(r['image_1'])) for r in MJ])
write_jsonl('mj-bench-hf.jsonl', [
    {'caption': r['caption'], 'image0': media(r['image_0']), 'image1': media(r['image_1']), 'label': 0 if r['label_0'] == 1 else 1,
     'category': 'quality', 'subcategory': 'objects_indoor', 'note': 'MJ-Bench repo record rewritten in the HF spelling'}
    for r in MJ])

# ---- GenAI-Bench: real prompts and human votes from the GPT-4o judgment logs; placeholder media ------
def votes(path, n_each):
    rows = [json.loads(l) for l in open(path)]
    out, seen = [], set()
    for v in ('leftvote', 'rightvote', 'tievote', 'bothbad_vote'):
        for r in sorted([r for r in rows if r['human_vote'] == v], key=lambda r: abs(len(r['prompt']) - 60)):
            if r['prompt'] not in seen and sum(o['human_vote'] == v for o in out) < n_each:
                seen.add(r['prompt'])
                out.append(r)
    return out
gb = os.path.join(DATA, 'genai-bench-gpt4o-judgments')
write_jsonl('genai-bench.jsonl', [
    {'id': 'image_generation-%s' % r['idx'], 'prompt': r['prompt'], 'left_image': media('synthetic-placeholder-a.png'),
     'right_image': media('synthetic-placeholder-b.png'), 'left_model': 'unknown', 'right_model': 'unknown', 'vote_type': r['human_vote'],
     'note': 'real prompt and human vote (GenAI-Bench idx %s); images are synthetic placeholders' % r['idx']}
    for r in votes(os.path.join(gb, 'image_generation_gpt4o_pairwise.jsonl'), 2)])
write_jsonl('genai-bench-video.jsonl', [
    {'id': 'video_generation-%s' % r['idx'], 'prompt': r['prompt'], 'left_video': media('synthetic-placeholder-a.webm'),
     'right_video': media('synthetic-placeholder-b.webm'), 'left_model': 'unknown', 'right_model': 'unknown', 'vote_type': r['human_vote'],
     'note': 'real prompt and human vote (GenAI-Bench idx %s); videos are synthetic placeholders' % r['idx']}
    for r in votes(os.path.join(gb, 'video_generation_gpt4o_pairwise.jsonl'), 2)])
EDITS = [('Remove the chairs.', 'leftvote'), ('Make it night.', 'bothbad_vote'), ('Add a red sofa.', 'rightvote'),
         ('Turn the plants into flowers.', 'tievote'), ('Make the table round.', 'leftvote')]
write_jsonl('genai-bench-editing.jsonl', [
    {'id': 'synthetic-edit-%d' % i, 'source_prompt': r['caption'], 'target_prompt': r['caption'] + ' (edited: %s)' % instr.lower().rstrip('.'),
     'instruct_prompt': instr, 'source_image': media(r['image_0']), 'left_output_image': media(r['image_1']),
     'right_output_image': media('synthetic-placeholder-%s.png' % 'ab'[i % 2]), 'left_model': 'unknown', 'right_model': 'unknown',
     'vote_type': vote, 'note': 'synthetic editing pair built from MJ-Bench images'}
    for i, (r, (instr, vote)) in enumerate(zip(MJ, EDITS), 1)])

# ---- VL-RewardBench: synthetic questions and answers about the MJ-Bench images (bytes inline) --------
VL = [
    (MJ[0]['image_0'], 'What is on the long table?', ['Nothing: the long wooden table is bare, with dark chairs along both sides.', 'Plates of food and several wine glasses.'], [0, 1]),
    (MJ[1]['image_0'], 'What kind of roof does the room have?', ['A flat concrete ceiling with recessed lights.', 'A glass roof held by dark wooden beams.'], [1, 0]),
    (MJ[2]['image_0'], 'Is this scene indoors or outdoors?', ['Indoors: a multi-storey atrium with glass walls and hanging plants.', 'Outdoors, in a public park at night.'], [0, 1]),
    (MJ[3]['image_0'], 'What is visible through the tall windows on the left?', ['A city skyline with tall buildings.', 'Green hills and trees.'], [1, 0]),
    (MJ[4]['image_0'], 'How is the room lit?', ['Daylight from a large glass skylight above the atrium.', 'Only by a single floor lamp.'], [0, 1]),
]
write_jsonl('vl-rewardbench.jsonl', [
    {'id': 'synthetic-vl-%d' % i, 'query': q, 'image': {'bytes': THUMB[img], 'path': img}, 'response': resp, 'human_ranking': rank,
     'models': ['synthetic-a', 'synthetic-b'], 'judge': 'synthetic', 'rationale': 'synthetic example on an MJ-Bench image',
     'query_source': 'synthetic'}
    for i, (img, q, resp, rank) in enumerate(VL, 1)])

# ---- Multimodal RewardBench: synthetic records on the MJ-Bench images (relative image paths) ---------
write_jsonl('multimodal-rewardbench.jsonl', [
    {'ID': 'synthetic_mmrb_%d' % i, 'Text': q, 'Image': media(img), 'Output1': resp[0], 'Output2': resp[1],
     'Better': 'Output1' if rank == [0, 1] else 'Output2', 'Category': 'synthetic/correctness_task'}
    for i, (img, q, resp, rank) in enumerate(VL, 1)])

# ---- Pick-a-Pic v2: synthetic rankings over the MJ-Bench captions, jpg bytes inline, one 0.5/0.5 tie --
labels = [(1, 0), (0, 1), (0.5, 0.5), (1, 0), (1, 0)]
write_jsonl('pick-a-pic.jsonl', [
    {'ranking_id': 'synthetic-%d' % i, 'caption': r['caption'], 'jpg_0': THUMB[r['image_0']], 'jpg_1': THUMB[r['image_1']],
     'label_0': l0, 'label_1': l1, 'model_0': 'sdxl', 'model_1': 'sdxl+edit', 'has_label': True,
     'note': 'synthetic labels on MJ-Bench images'}
    for i, (r, (l0, l1)) in enumerate(zip(MJ, labels), 1)])

# ---- HPDv2: synthetic train (pairs) and test (ranked lists) on the MJ-Bench images -------------------
write_json('hpdv2-train.json', [
    {'prompt': r['caption'], 'file_path': [media(r['image_0']), media(r['image_1'])], 'human_preference': [1, 0] if i % 2 else [0, 1],
     'note': 'synthetic preference on MJ-Bench images'}
    for i, r in enumerate(MJ)])
write_json('hpdv2-test.json', [
    {'prompt': r['caption'], 'image_path': [media(r['image_%d' % (i % 2)]), media(r['image_%d' % (1 - i % 2)]), media('synthetic-placeholder-a.png')],
     'rank': [1 + i % 2, 2 - i % 2, 3], 'note': 'synthetic ranking (lower = better) on MJ-Bench images'}
    for i, r in enumerate(MJ)])
print('wrote', sorted(os.listdir(HERE)))
