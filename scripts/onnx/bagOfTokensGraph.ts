// Writes the default model's ONNX graph: a one-label sequence classifier over a segment pair whose score is the
// mean weight of the response tokens (those after the first [SEP], [SEP]s excluded) plus a log-length term.
//   input_ids int64 [batch, sequence], attention_mask int64 [batch, sequence] → logits float32 [batch, 1]
import fs from 'node:fs';
import { onnx } from 'onnx-proto';

export interface BagOfTokensGraph {
  /** One weight per vocabulary id. */
  weights: Float32Array;
  lengthWeight: number;
  /** The separator that ends the first segment. */
  sepId: number;
}

const { DataType } = onnx.TensorProto;

function tensor(
  name: string,
  dataType: onnx.TensorProto.DataType,
  dims: number[],
  values: number[] | Float32Array,
): onnx.ITensorProto {
  const bytes =
    dataType === DataType.INT64
      ? new Uint8Array(BigInt64Array.from(values as number[], (v) => BigInt(v)).buffer)
      : new Uint8Array(Float32Array.from(values).buffer);
  return { name, dataType, dims, rawData: bytes };
}

function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attrs: onnx.IAttributeProto[] = [],
): onnx.INodeProto {
  return { opType, input: inputs, output: outputs, name: outputs[0], attribute: attrs };
}

const int = (name: string, i: number): onnx.IAttributeProto => ({
  name,
  type: onnx.AttributeProto.AttributeType.INT,
  i,
});

function valueInfo(name: string, elemType: number, dims: (string | number)[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/** The graph as ONNX ModelProto bytes (opset 17, IR version 8). */
export function bagOfTokensModelBytes(g: BagOfTokensGraph): Uint8Array {
  const F = DataType.FLOAT;
  const nodes = [
    node('Gather', ['token_weight', 'input_ids'], ['w'], [int('axis', 0)]),
    node('Equal', ['input_ids', 'sep_id'], ['is_sep_b']),
    node('Cast', ['is_sep_b'], ['is_sep'], [int('to', F)]),
    // How many [SEP] come strictly before each position: ≥ 1 means the second segment (the response).
    node('CumSum', ['is_sep', 'seq_axis'], ['seps_before'], [int('exclusive', 1)]),
    node('Greater', ['seps_before', 'half'], ['after_b']),
    node('Cast', ['after_b'], ['after'], [int('to', F)]),
    node('Sub', ['one', 'is_sep'], ['not_sep']),
    node('Cast', ['attention_mask'], ['mask'], [int('to', F)]),
    node('Mul', ['after', 'not_sep'], ['in_response0']),
    node('Mul', ['in_response0', 'mask'], ['in_response']),
    node('Mul', ['w', 'in_response'], ['wm']),
    node('ReduceSum', ['wm', 'seq_axes'], ['weight_sum'], [int('keepdims', 1)]),
    node('ReduceSum', ['in_response', 'seq_axes'], ['n_tokens'], [int('keepdims', 1)]),
    node('Max', ['n_tokens', 'one'], ['n_safe']),
    node('Div', ['weight_sum', 'n_safe'], ['mean_weight']),
    node('Add', ['n_tokens', 'one'], ['n_plus_one']),
    node('Log', ['n_plus_one'], ['log_length']),
    node('Mul', ['log_length', 'length_weight'], ['length_term']),
    node('Add', ['mean_weight', 'length_term'], ['logits']),
  ];
  const model: onnx.IModelProto = {
    irVersion: 8,
    producerName: 'reward-lens train:default',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'bag_of_tokens_reward',
      node: nodes,
      initializer: [
        tensor('token_weight', F, [g.weights.length], g.weights),
        tensor('sep_id', DataType.INT64, [], [g.sepId]),
        tensor('seq_axis', DataType.INT64, [], [1]),
        tensor('seq_axes', DataType.INT64, [1], [1]),
        tensor('half', F, [], [0.5]),
        tensor('one', F, [], [1]),
        tensor('length_weight', F, [], [g.lengthWeight]),
      ],
      input: [
        valueInfo('input_ids', DataType.INT64, ['batch', 'sequence']),
        valueInfo('attention_mask', DataType.INT64, ['batch', 'sequence']),
      ],
      output: [valueInfo('logits', F, ['batch', 1])],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

export function writeBagOfTokensOnnx(file: string, g: BagOfTokensGraph): void {
  fs.writeFileSync(file, bagOfTokensModelBytes(g));
}

/** Reads the weights back from a written graph (tests check the ONNX output against them). */
export function readBagOfTokensOnnx(bytes: Uint8Array): BagOfTokensGraph {
  const m = onnx.ModelProto.decode(bytes);
  const init = (name: string) => {
    const t = m.graph?.initializer?.find((x) => x.name === name);
    if (!t?.rawData) throw new Error(`graph has no initializer ${name}`);
    return t.rawData;
  };
  const f32 = (b: Uint8Array) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  const i64 = (b: Uint8Array) =>
    Number(new BigInt64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))[0]);
  return {
    weights: f32(init('token_weight')),
    lengthWeight: f32(init('length_weight'))[0],
    sepId: i64(init('sep_id')),
  };
}
