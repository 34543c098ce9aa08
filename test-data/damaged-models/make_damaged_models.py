#!/usr/bin/env python3
"""Writes the corpus of damaged (and a few valid) Dendrite model files into this directory.

Run from anywhere: /usr/bin/python3 test-data/damaged-models/make_damaged_models.py
Python 3 standard library only. The output is deterministic: a rerun gives the same bytes.

The base is the committed format-version-1 classifier,
shared-core/src/test/resources/models/v1-classifier.json (columns a, b {x,y,z}, c; classes neg/pos;
a 6-unit tanh layer with batch norm before the activation and dropout, a 4-unit SELU layer, ZCA
whitening, a missing indicator on c). A valid regressor is derived from it (same network, one
output, mse, target mean 2.5 and scale 3), both with three numeric inputs (no one-hot block, missing
indicator or whitening: a model a Spark features vector can warm-start).

manifest.tsv has one line per case: file, expected outcome, detail.
  error  detail = the words the error message must contain besides the file's name, separated by
         " | " (compared ignoring case)
  loads  detail = "-" or the file of an equal model (its model JSON written back is the same)
Every file is read by the tests through each way in (the core reader from a path and from a stream,
Weka's -initial-model, Spark's model load and Spark's initialModel).
"""
import copy
import json
import os
import pathlib
import random
import re

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BASE = ROOT / "shared-core" / "src" / "test" / "resources" / "models" / "v1-classifier.json"

cases = []  # (file name, bytes or None for "do not create", outcome, detail)


def text(model, indent=2):
    """The model as JSON text in the writer's layout (Jackson's " : " separators)."""
    if indent is None:
        return json.dumps(model, separators=(",", ":"), ensure_ascii=False)
    return json.dumps(model, indent=indent, separators=(",", " : "), ensure_ascii=False)


def add(name, content, outcome, *words):
    if isinstance(content, (dict, list)):
        content = text(content)
    if isinstance(content, str):
        content = content.encode("utf-8")
    detail = " | ".join(words) if words else "-"
    assert outcome == "loads" or content != BASE.read_bytes(), name
    cases.append((name, content, outcome, detail))


def error(name, content, *words):
    assert words, name
    add(name, content, "error", *words)


def loads(name, content, same="-"):
    add(name, content, "loads", same)


def mutated(base, fn):
    m = copy.deepcopy(base)
    fn(m)
    return m


def setter(path, value):
    """A mutation setting the value at path (a list of keys and indices); value DELETE removes it."""
    def fn(m):
        target = m
        for k in path[:-1]:
            target = target[k]
        if value is DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    return fn


DELETE = object()


def numeric(classifier):
    """The classifier with three numeric inputs and no missing indicators or whitening (what a Spark features vector feeds)."""
    n = copy.deepcopy(classifier)
    pp = n["preprocessing"]
    pp["config"]["missingIndicators"] = False
    pp["config"]["whitening"] = "none"
    del pp["whitening"]
    pp["columns"][1]["categories"] = []
    pp["center"][1] = 1.0
    pp["scale"][1] = 0.8
    pp["indicator"] = [False, False, False]
    n["network"]["inputWidth"] = 3
    units = n["network"]["spec"]["layers"][0]["units"]
    n["parameters"]["0.weight"] = n["parameters"]["0.weight"][: 3 * units]
    return n


def regressor(classifier):
    r = copy.deepcopy(numeric(classifier))
    r["task"]["classes"] = []
    r["task"]["targetMean"] = 2.5
    r["task"]["targetScale"] = 3.0
    r["loss"] = "mse"
    r["network"]["outputWidth"] = 1
    weights = r["parameters"]["output.weight"]
    r["parameters"]["output.weight"] = [weights[2 * i] for i in range(len(weights) // 2)]
    r["parameters"]["output.bias"] = [0.25]
    r["history"]["warnings"] = []
    return r


def first_value(text_, key, new):
    """text_ with the first value of the array under "key" replaced by new (any layout)."""
    pattern = re.compile(r'("' + re.escape(key) + r'" : \[\s*)([^,\s\]]+)')
    assert pattern.search(text_), key
    return pattern.sub(lambda m: m.group(1) + new, text_, count=1)


def line_of(text_, fragment):
    return "line %d" % (text_[: text_.index(fragment)].count("\n") + 1)


def deep(depth):
    return "[" * depth + "]" * depth


def main():
    base_text = BASE.read_text(encoding="utf-8")
    c = json.loads(base_text)
    r = regressor(c)
    layer0 = ["network", "spec", "layers", 0]

    # valid files
    loads("valid-classifier.json", base_text.encode("utf-8"))
    loads("valid-numeric-classifier.json", text(numeric(c)))
    loads("valid-regressor.json", text(r))
    loads("valid-utf8-bom.json", b"\xef\xbb\xbf" + base_text.encode("utf-8"), "valid-classifier.json")
    loads("valid-minified.json", text(c, None), "valid-classifier.json")
    loads("valid-reordered-keys.json", text(dict(reversed(list(c.items())))), "valid-classifier.json")
    loads("valid-unicode-escapes.json", base_text.replace('"neg"', '"\\u006e\\u0065\\u0067"'), "valid-classifier.json")
    loads("valid-crlf-and-tabs.json", base_text.replace("\n", "\r\n").replace("  ", "\t"), "valid-classifier.json")
    loads("valid-without-history.json", mutated(c, setter(["history"], DELETE)))
    loads("valid-history-without-step-rates.json", mutated(c, setter(["history", "step_learning_rates"], DELETE)))
    loads("valid-seed-beyond-2^53.json", mutated(c, setter(["provenance", "seed"], 9007199254740993)))
    loads("valid-long-history.json", text(mutated(c, setter(["history", "step_learning_rates"], [0] * 40000)), None))
    loads("valid-tiny-weight-underflows-to-zero.json", first_value(base_text, "output.bias", "1e-99999"))

    # not a JSON model at all
    rng = random.Random(16)
    error("binary-png-header.bin", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4096)), "not UTF-8", "0x89")
    error("binary-latin1-class-name.json", base_text.replace('"neg"', '"n\xe9g"').encode("latin-1"), "not UTF-8", "0xe9", line_of(base_text, '"neg"'))
    error("binary-utf16.json", base_text.encode("utf-16"), "not UTF-8", "0xff")
    error("binary-overlong-utf8.json", base_text.encode("utf-8").replace(b'"neg"', b'"\xc0\xafneg"'), "not UTF-8", "0xc0")
    error("binary-encoded-surrogate.json", base_text.encode("utf-8").replace(b'"neg"', b'"\xed\xa0\x80neg"'), "not UTF-8", "0xed")
    error("binary-nul-in-string.json", base_text.encode("utf-8").replace(b'"neg"', b'"n\x00eg"'), "not valid JSON", line_of(base_text, '"neg"'))
    error("empty.json", b"", "is empty")
    error("whitespace-only.json", b" \n\t\r\n", "is empty")
    error("truncated-half.json", base_text[: len(base_text) // 2], "not valid JSON", "truncated")
    cut = base_text.index('"output.bias" : [ ') + len('"output.bias" : [ ') + 4
    error("truncated-in-a-number.json", base_text[:cut], "not valid JSON", "$.parameters")
    error("truncated-before-closing-brace.json", base_text.rstrip()[:-1], "not valid JSON")
    error("top-level-array.json", "[" + base_text + "]", "Not a Dendrite model", "an array of 1 values")
    error("top-level-string.json", '"dendrite-model"', "Not a Dendrite model", "a string")
    error("top-level-null.json", "null", "Not a Dendrite model", "null")
    error("top-level-number.json", "1", "Not a Dendrite model", "the number 1")
    error("trailing-garbage.json", base_text + "\n{}", "not valid JSON", "trailing")
    error("two-models-concatenated.json", base_text + base_text, "not valid JSON", "trailing")
    error("comment.json", "// a model\n" + base_text, "not valid JSON", "line 1")
    error("trailing-comma.json", base_text.replace('"seed" : 1,', '"seed" : 1,,'), "not valid JSON", line_of(base_text, '"seed" : 1,'))
    error("single-quotes.json", base_text.replace('"format" : "dendrite-model"', "'format' : 'dendrite-model'"), "not valid JSON", line_of(base_text, '"format"'))
    error("nan-literal-weight.json", first_value(base_text, "output.bias", "NaN"), "not valid JSON", "NaN")
    error("infinity-literal-weight.json", first_value(base_text, "output.bias", "-Infinity"), "not valid JSON", "Infinity")
    error("duplicate-top-level-key.json", base_text.replace('"loss" : ', '"task" : {}, "loss" : ', 1), "not valid JSON", "Duplicate",
          "task")
    error("duplicate-parameter.json", base_text.replace('"output.bias" : ', '"output.weight" : [], "output.bias" : ', 1), "not valid JSON",
          "Duplicate", "output.weight")
    error("deep-nesting-in-history.json", base_text.replace('"warnings" : [', '"warnings" : [ ' + deep(5000) + ",", 1),
          "exceeds a limit", "depth", "$.history.warnings")
    error("deep-nesting-at-top.json", deep(20000), "exceeds a limit", "depth")
    error("long-number-weight.json", first_value(base_text, "output.bias", "0." + "1" * 5000),
          "exceeds a limit", "number", "$.parameters.output.bias")
    error("long-integer-units.json", base_text.replace('"units" : 6', '"units" : ' + "9" * 2000, 1), "exceeds a limit", "number")
    error("exponent-beyond-int.json", first_value(base_text, "output.bias", "1e99999999999"),
          "$.parameters.output.bias")

    # the top level and the format
    error("format-wrong.json", mutated(c, setter(["format"], "dendrite-spec")), "Not a Dendrite model", "$.format", '"dendrite-spec"')
    error("format-missing.json", mutated(c, setter(["format"], DELETE)), "Not a Dendrite model", "$.format", "nothing")
    error("format-version-future.json", mutated(c, setter(["formatVersion"], 99)), "$.formatVersion", "unknown model format version 99",
          "up to 5")
    error("format-version-zero.json", mutated(c, setter(["formatVersion"], 0)), "$.formatVersion", ">= 1")
    error("format-version-string.json", mutated(c, setter(["formatVersion"], "1")), "$.formatVersion", "whole number", 'a string "1"')
    error("format-version-fraction.json", mutated(c, setter(["formatVersion"], 1.5)), "$.formatVersion", "whole number")
    error("format-version-missing.json", mutated(c, setter(["formatVersion"], DELETE)), "$.formatVersion", "missing")
    error("unknown-top-level-field.json", mutated(c, setter(["comment"], "hello")), "$.comment", "unknown field", "allowed")
    error("provenance-missing.json", mutated(c, setter(["provenance"], DELETE)), "$.provenance", "missing")
    error("provenance-seed-string.json", mutated(c, setter(["provenance", "seed"], "1")), "$.provenance.seed", "whole number")
    error("provenance-seed-beyond-long.json", mutated(c, setter(["provenance", "seed"], 2 ** 70)), "$.provenance.seed", "whole number")
    error("provenance-config-missing.json", mutated(c, setter(["provenance", "config"], DELETE)), "$.provenance.config", "missing",
          "a string")

    # the task
    error("task-missing.json", mutated(c, setter(["task"], DELETE)), "$.task", "missing")
    error("task-classes-string.json", mutated(c, setter(["task", "classes"], "neg,pos")), "$.task.classes", "expected an array",
          'a string "neg,pos"')
    error("task-classes-numbers.json", mutated(c, setter(["task", "classes"], [0, 1])), "$.task.classes[0]", "expected a string")
    error("task-classes-one.json", mutated(c, setter(["task", "classes"], ["neg"])), "$.task.classes", "one class")
    error("task-classes-duplicate.json", mutated(c, setter(["task", "classes"], ["neg", "neg"])), "$.task.classes[1]", "appears twice")
    error("task-classes-empty-on-a-classifier.json", mutated(c, setter(["task", "classes"], [])), "$.loss", "softmax_cross_entropy",
          "classes")
    error("task-classes-three-for-two-outputs.json", mutated(c, setter(["task", "classes"], ["a", "b", "c"])), "$.network.outputWidth",
          "needs 3")
    error("task-target-number.json", mutated(c, setter(["task", "target"], 5)), "$.task.target", "expected a string")
    error("task-classifier-target-mean.json", mutated(c, setter(["task", "targetMean"], 0.5)), "$.task", "a classifier has 0 and 1")
    error("task-unknown-field.json", mutated(c, setter(["task", "colour"], "red")), "$.task.colour", "unknown field")
    error("regressor-target-scale-zero.json", mutated(r, setter(["task", "targetScale"], 0)), "$.task.targetScale", "> 0")
    error("regressor-target-scale-negative.json", mutated(r, setter(["task", "targetScale"], -3.0)), "$.task.targetScale", "> 0")
    error("regressor-target-mean-string.json", mutated(r, setter(["task", "targetMean"], "2.5")), "$.task.targetMean", "finite number")
    error("regressor-target-mean-huge.json", text(r).replace('"targetMean" : 2.5', '"targetMean" : 1e400'), "$.task.targetMean",
          "beyond the range")
    error("regressor-with-softmax-loss.json", mutated(r, setter(["loss"], "softmax_cross_entropy")), "$.loss", "softmax_cross_entropy",
          "classes")

    # preprocessing
    pp = ["preprocessing"]
    error("preprocessing-missing.json", mutated(c, setter(pp, DELETE)), "$.preprocessing", "missing")
    error("scale-string.json", mutated(c, setter(pp + ["scale", 0], "abc")), "$.preprocessing.scale[0]", "finite number", 'a string "abc"')
    error("scale-zero.json", mutated(c, setter(pp + ["scale", 2], 0)), "$.preprocessing.scale[2]", "> 0")
    error("scale-negative.json", mutated(c, setter(pp + ["scale", 0], -4.8)), "$.preprocessing.scale[0]", "> 0")
    error("scale-beyond-double.json", first_value(base_text, "scale", "4.8e400"),
          "$.preprocessing.scale[0]", "beyond the range")
    error("scale-null.json", mutated(c, setter(pp + ["scale", 1], None)), "$.preprocessing.scale[1]", "finite number", "null")
    error("center-string.json", mutated(c, setter(pp + ["center", 2], "0.15")), "$.preprocessing.center[2]", "finite number")
    error("center-nominal-out-of-range.json", mutated(c, setter(pp + ["center", 1], 7)), "$.preprocessing.center[1]", "0..2")
    error("center-nominal-fraction.json", mutated(c, setter(pp + ["center", 1], 0.5)), "$.preprocessing.center[1]", "0..2")
    error("center-short.json", mutated(c, setter(pp + ["center"], [1.0, 0.0])), "$.preprocessing.center", "has 2 values, expected 3")
    error("center-object.json", mutated(c, setter(pp + ["center"], {"a": 1})), "$.preprocessing.center", "expected an array")
    error("indicator-number.json", mutated(c, setter(pp + ["indicator"], [0, 0, 1])), "$.preprocessing.indicator[0]", "true or false")
    error("indicator-without-missing-indicators.json", mutated(c, setter(pp + ["config", "missingIndicators"], False)),
          "$.preprocessing.indicator[2]", "missingIndicators")
    error("preprocessing-config-field-missing.json", mutated(c, setter(pp + ["config", "standardize"], DELETE)),
          "$.preprocessing.config.standardize", "missing")
    error("preprocessing-config-bool-as-string.json", mutated(c, setter(pp + ["config", "imputeMissing"], "true")),
          "$.preprocessing.config.imputeMissing", "true or false")
    error("preprocessing-config-unknown-whitening.json", mutated(c, setter(pp + ["config", "whitening"], "pcaa")),
          "$.preprocessing.config.whitening", "unknown value", "zca")
    error("columns-string.json", mutated(c, setter(pp + ["columns"], "a,b,c")), "$.preprocessing.columns", "expected an array")
    error("column-name-missing.json", mutated(c, setter(pp + ["columns", 0, "name"], DELETE)), "$.preprocessing.columns[0].name", "missing")
    error("column-name-empty.json", mutated(c, setter(pp + ["columns", 0, "name"], "")), "$.preprocessing.columns[0].name", "needs a name")
    error("column-names-duplicate.json", mutated(c, setter(pp + ["columns", 2, "name"], "a")), "$.preprocessing.columns[2].name",
          "names two columns")
    error("column-categories-duplicate.json", mutated(c, setter(pp + ["columns", 1, "categories"], ["x", "x", "z"])),
          "$.preprocessing.columns[1].categories[1]", "appears twice")
    error("column-categories-number.json", mutated(c, setter(pp + ["columns", 1, "categories"], ["x", 2, "z"])),
          "$.preprocessing.columns[1].categories[1]", "expected a string")
    error("column-many-categories.json", text(mutated(c, setter(pp + ["columns", 1, "categories"], ["v%d" % i for i in range(5000)])), None),
          "$.preprocessing.whitening.mean", "has 6 values, expected 5003")
    error("whitening-missing.json", mutated(c, setter(pp + ["whitening"], DELETE)), "$.preprocessing.whitening", "missing")
    error("whitening-without-config.json", mutated(c, setter(pp + ["config", "whitening"], "none")), "$.preprocessing.whitening",
          "whitening is none")
    error("whitening-kind-mismatch.json", mutated(c, setter(pp + ["whitening", "kind"], "pca")), "$.preprocessing.whitening.kind", "zca")
    error("whitening-transform-short.json", mutated(c, setter(pp + ["whitening", "transform"], c["preprocessing"]["whitening"]["transform"][:-1])),
          "$.preprocessing.whitening.transform", "has 35 values, expected 36")
    error("whitening-mean-string.json", mutated(c, setter(pp + ["whitening", "mean", 3], "0.35")), "$.preprocessing.whitening.mean[3]",
          "finite number")

    # the network
    error("network-missing.json", mutated(c, setter(["network"], DELETE)), "$.network", "missing")
    error("spec-string.json", mutated(c, setter(["network", "spec"], "dense")), "$.network.spec", "expected an object")
    error("spec-layers-missing.json", mutated(c, setter(["network", "spec", "layers"], DELETE)), "$.network.spec.layers", "missing")
    error("layer-null.json", mutated(c, setter(layer0, None)), "$.network.spec.layers[0]", "null is not allowed in a list")
    error("layer-bare-dense.json", mutated(c, setter(layer0, "dense")), "$.network.spec.layers[0]", "units")
    error("units-missing.json", mutated(c, setter(layer0 + ["units"], DELETE)), "$.network.spec.layers[0].units", "missing")
    error("units-string.json", mutated(c, setter(layer0 + ["units"], "6")), "$.network.spec.layers[0].units", "whole number", 'a string "6"')
    error("units-zero.json", mutated(c, setter(layer0 + ["units"], 0)), "$.network.spec.layers[0].units", "is not a trained model's")
    error("units-negative.json", mutated(c, setter(layer0 + ["units"], -6)), "$.network.spec.layers[0]", "at least 1 unit")
    error("units-fraction.json", mutated(c, setter(layer0 + ["units"], 6.5)), "$.network.spec.layers[0].units", "whole number")
    error("units-beyond-int.json", mutated(c, setter(layer0 + ["units"], 10 ** 12)), "$.network.spec.layers[0].units",
          "whole number in -2147483648..2147483647")
    error("units-300-million.json", mutated(c, setter(layer0 + ["units"], 300000000)), "$.network.spec", "refusing to build",
          "parameter and buffer values")
    error("units-max-int-everywhere.json", mutated(c, lambda m: [m["network"]["spec"]["layers"][i].__setitem__("units", 2 ** 31 - 1)
                                                                  for i in range(2)]), "$.network.spec", "refusing to build")
    error("units-max-int-three-layers.json", mutated(c, lambda m: [m["network"]["spec"]["layers"].append(copy.deepcopy(m["network"]["spec"]["layers"][1]))]
                                                     + [layer.__setitem__("units", 2 ** 31 - 1) for layer in m["network"]["spec"]["layers"]]),
          "$.network.spec", "more than 2^63")
    error("units-7-instead-of-6.json", mutated(c, setter(layer0 + ["units"], 7)), "$.parameters.0.weight", "has 36 values, expected 42")
    error("layer-type-unknown.json", mutated(c, setter(layer0 + ["type"], "conv2d")), "$.network.spec.layers[0].type",
          "unknown layer type 'conv2d'", "dense")
    error("layer-type-class-name.json", mutated(c, setter(layer0 + ["type"], "java.lang.Runtime")), "unknown layer type 'java.lang.Runtime'")
    error("layer-type-number.json", mutated(c, setter(layer0 + ["type"], 1)), "$.network.spec.layers[0].type", "expected a string")
    error("layer-unknown-field.json", mutated(c, setter(layer0 + ["colour"], 3)), "$.network.spec.layers[0].colour", "unknown field")
    error("layer-field-missing.json", mutated(c, setter(layer0 + ["dropout"], DELETE)), "$.network.spec.layers[0].dropout", "missing")
    error("activation-unknown.json", mutated(c, setter(layer0 + ["activation"], "tanhh")), "$.network.spec.layers[0].activation",
          "unknown activation 'tanhh'")
    error("activation-number.json", mutated(c, setter(layer0 + ["activation"], 5)), "$.network.spec.layers[0].activation", "the number 5")
    error("activation-alpha-beyond-float.json", text(c).replace('"activation" : "tanh"', '"activation" : {"type" : "leaky_relu", "alpha" : 1e39}', 1),
          "$.network.spec.layers[0].activation.alpha", "float32")
    error("two-prelu-layers.json", text(c).replace('"activation" : "tanh"', '"activation" : {"type" : "prelu", "initialSlope" : 0.25, "sharedSlope" : false}', 1)
          .replace('"activation" : "selu"', '"activation" : {"type" : "prelu", "initialSlope" : 0.25, "sharedSlope" : false}', 1),
          "$.network.spec", "two layers", '"slope"')
    error("initializer-unknown.json", mutated(c, setter(layer0 + ["initializer"], "he_uniformm")), "$.network.spec.layers[0].initializer",
          "unknown initializer")
    error("batch-norm-unknown.json", mutated(c, setter(layer0 + ["batchNorm"], "sideways")), "$.network.spec.layers[0].batchNorm",
          "unknown value 'sideways'")
    error("batch-norm-null.json", mutated(c, setter(layer0 + ["batchNorm"], None)), "$.network.spec.layers[0].batchNorm", "null")
    error("whitening-config-null.json", mutated(c, setter(pp + ["config", "whitening"], None)), "$.preprocessing.config.whitening", "null")
    error("bias-string.json", mutated(c, setter(layer0 + ["bias"], "yes")), "$.network.spec.layers[0].bias", "true or false")
    error("dropout-out-of-range.json", mutated(c, setter(layer0 + ["dropout"], 1.5)), "$.network.spec.layers[0]", "Dropout rate")
    error("input-width-wrong.json", mutated(c, setter(["network", "inputWidth"], 7)), "$.network.inputWidth", "produces 6")
    error("input-width-huge.json", mutated(c, setter(["network", "inputWidth"], 2000000000)), "$.network.inputWidth", "produces 6")
    error("input-width-negative.json", mutated(c, setter(["network", "inputWidth"], -1)), "$.network.inputWidth", ">= 0")
    error("output-width-wrong.json", mutated(c, setter(["network", "outputWidth"], 3)), "$.network.outputWidth", "needs 2")
    error("output-width-huge.json", mutated(c, setter(["network", "outputWidth"], 300000000)), "$.network.outputWidth", "needs 2")
    error("output-width-zero.json", mutated(c, setter(["network", "outputWidth"], 0)), "$.network.outputWidth", ">= 1")

    # the loss
    error("loss-missing.json", mutated(c, setter(["loss"], DELETE)), "$.loss", "missing")
    error("loss-unknown.json", mutated(c, setter(["loss"], "hinge")), "$.loss", "unknown loss 'hinge'")
    error("loss-regression-on-a-classifier.json", mutated(c, setter(["loss"], "mse")), "$.loss", "no probability per class", "softmax_cross_entropy")
    error("loss-huber-without-delta.json", mutated(r, setter(["loss"], {"type": "huber"})), "$.loss.delta", "missing")

    # parameters and buffers
    w0 = ["parameters", "0.weight"]
    error("parameters-missing.json", mutated(c, setter(["parameters"], DELETE)), "$.parameters", "missing")
    error("parameters-array.json", mutated(c, setter(["parameters"], [])), "$.parameters", "expected an object")
    error("weight-1e39.json", mutated(c, setter(w0 + [12], 1e39)), "$.parameters.0.weight[12]", "float32")
    error("weight-huge-integer.json", mutated(c, setter(w0 + [12], 10 ** 39)), "$.parameters.0.weight[12]", "float32")
    error("weight-string.json", mutated(c, setter(w0 + [3], "0.5")), "$.parameters.0.weight[3]", "expected a number", 'a string "0.5"')
    error("weight-nan-string.json", mutated(c, setter(w0 + [3], "NaN")), "$.parameters.0.weight[3]", "expected a number")
    error("weight-null.json", mutated(c, setter(w0 + [0], None)), "$.parameters.0.weight[0]", "expected a number", "null")
    error("weight-nested-array.json", mutated(c, setter(w0 + [0], [0.5])), "$.parameters.0.weight[0]", "expected a number")
    error("weight-short.json", mutated(c, setter(w0, c["parameters"]["0.weight"][:-1])), "$.parameters.0.weight", "has 35 values, expected 36")
    error("weight-long.json", mutated(c, setter(w0, c["parameters"]["0.weight"] + [0.5])), "$.parameters.0.weight", "has 37 values, expected 36")
    error("weight-object.json", mutated(c, setter(w0, {"0": 1})), "$.parameters.0.weight", "expected an array")
    error("parameter-missing.json", mutated(c, setter(["parameters", "1.bias"], DELETE)), "$.parameters.1.bias", "missing")
    error("parameter-extra.json", mutated(c, setter(["parameters", "2.weight"], [0.5, 0.25])), "$.parameters.2.weight", "does not belong")
    error("parameter-odd-name.json", mutated(c, setter(["parameters", "we\"ird\nname"], [])), '$.parameters["we\\"ird\\u000aname"]',
          "does not belong")
    error("buffers-missing.json", mutated(c, setter(["buffers"], DELETE)), "$.buffers", "missing")
    error("buffer-missing.json", mutated(c, setter(["buffers", "0.bn.running_var"], DELETE)), "$.buffers.0.bn.running_var", "missing")
    error("buffer-infinite.json", first_value(base_text, "0.bn.running_mean", "-1e40"), "$.buffers.0.bn.running_mean[0]", "float32")
    error("buffer-negative-variance.json", first_value(base_text, "0.bn.running_var", "-1e-05"), "$.buffers.0.bn.running_var[0]",
          "running variance must be >= 0")

    # the history (informational, but typed)
    error("history-array.json", mutated(c, setter(["history"], [])), "$.history", "expected an object")
    error("history-epoch-loss-string.json", mutated(c, setter(["history", "epochs", 0, "train_loss"], "0.69")),
          "$.history.epochs[0].train_loss", "finite number or null")
    error("history-epoch-field-missing.json", mutated(c, setter(["history", "epochs", 1, "epoch"], DELETE)), "$.history.epochs[1].epoch",
          "missing")
    error("history-warning-number.json", mutated(c, setter(["history", "warnings", 0], 42)), "$.history.warnings[0]", "expected a string")
    error("history-unknown-field.json", mutated(c, setter(["history", "notes"], [])), "$.history.notes", "unknown field")
    error("history-many-empty-objects.json", text(mutated(c, setter(["history", "epochs"], [{}] * 20000)), None), "$.history.epochs[0].epoch",
          "missing")

    write(cases)


def write(cases):
    keep = {"make_damaged_models.py", ".gitattributes"}
    for f in HERE.iterdir():
        if f.name not in keep and f.is_file():
            f.unlink()
    d = HERE / "a-directory.json"
    d.mkdir(exist_ok=True)
    (d / ".gitkeep").write_bytes(b"")
    names = set()
    lines = ["# file\toutcome\tdetail (written by make_damaged_models.py; see its docstring)"]
    for name, content, outcome, detail in cases:
        assert name not in names, name
        names.add(name)
        (HERE / name).write_bytes(content)
        lines.append("\t".join([name, outcome, detail]))
    lines.append("\t".join(["a-directory.json", "error", "is a directory"]))
    lines.append("\t".join(["no-such-file.json", "error", "does not exist"]))
    (HERE / "manifest.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("wrote %d files and manifest.tsv to %s" % (len(cases), HERE))


if __name__ == "__main__":
    main()
