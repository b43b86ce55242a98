#!/usr/bin/env python3
"""Generates C++ schema descriptions: include/flatnn/model/tflite_schema_generated.hpp from schema/tflite.fbs, and
backends/edgetpu/include/flatnn/edgetpu/darwinn_schema_generated.hpp from schema/darwinn.fbs (Edge TPU package).

The output holds what the library needs from the schema and nothing tied to a flatbuffers version:
verifier descriptions of every table and union, field id constants, the BuiltinOperator enum and names,
and the BuiltinOptions union tags and names. Run it after editing the schema; tools/check_generated.sh
proves the committed output is current.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (schema, output, C++ namespace, enums emitted as enum classes: the TFLite header emits BuiltinOperator only)
TARGETS = [
    (ROOT / "schema" / "tflite.fbs", ROOT / "include" / "flatnn" / "model" / "tflite_schema_generated.hpp",
     "flatnn::schema", False),
    (ROOT / "schema" / "darwinn.fbs",
     ROOT / "backends" / "edgetpu" / "include" / "flatnn" / "edgetpu" / "darwinn_schema_generated.hpp",
     "flatnn::edgetpu::schema", True),
]

SCALARS = {
    "bool": 1, "byte": 1, "ubyte": 1, "int8": 1, "uint8": 1, "short": 2, "ushort": 2, "int16": 2, "uint16": 2,
    "int": 4, "uint": 4, "int32": 4, "uint32": 4, "float": 4, "float32": 4, "long": 8, "ulong": 8,
    "int64": 8, "uint64": 8, "double": 8, "float64": 8,
}
VEC = {1: "B", 2: "H", 4: "I", 8: "L"}


KEYWORDS = {"if", "while", "and", "or", "not", "xor", "case", "default", "delete", "new", "int", "float",
            "bool", "char", "return", "switch", "union", "const", "operator", "template", "this", "register"}


def snake(name):
    if name == "SubGraph":
        return "subgraph"
    s = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    s = re.sub(r"(?<=[A-Z])([A-Z][a-z])", r"_\1", s)
    return s.lower().replace("2_d", "2d").replace("3_d", "3d")


def parse(text):
    text = re.sub(r"//[^\n]*", "", text)
    enums, unions, tables, structs = {}, {}, {}, {}
    order = []
    for m in re.finditer(r"\b(enum|union|table|struct)\s+(\w+)\s*(?::\s*(\w+))?\s*\{(.*?)\}", text, re.S):
        kind, name, base, body = m.groups()
        if kind == "enum":
            values, nxt = [], 0
            for item in [x.strip() for x in body.split(",") if x.strip()]:
                if "=" in item:
                    k, v = [x.strip() for x in item.split("=")]
                    nxt = int(v, 0)
                else:
                    k = item
                values.append((k, nxt))
                nxt += 1
            enums[name] = (SCALARS[base], values)
        elif kind == "union":
            unions[name] = [x.strip() for x in body.split(",") if x.strip()]
        elif kind == "struct":
            # Only scalar members, naturally aligned: the size is the sum (enough for vectors of structs).
            types = re.findall(r"\w+\s*:\s*(\w+)\s*;", body)
            structs[name] = sum(SCALARS[t] for t in types)
        else:
            fields = []
            for decl in [x.strip() for x in body.split(";") if x.strip()]:
                fm = re.match(r"(\w+)\s*:\s*(\[?\s*\w+\s*\]?)\s*(?:=\s*([^()\s]+))?\s*(\(.*\))?$", decl, re.S)
                if not fm:
                    sys.exit(f"gen_schema: cannot parse field '{decl}' in table {name}")
                fname, ftype, default, attrs = fm.groups()
                fields.append((fname, ftype.replace(" ", ""), default, attrs or ""))
            tables[name] = fields
            order.append(name)
    return enums, unions, tables, structs, order


def field_kinds(fields, enums, unions, tables, structs):
    """Returns [(kind letter, name, sub-description or None)] with union fields expanded to tag + value."""
    out = []
    for fname, ftype, _default, attrs in fields:
        deprecated = "deprecated" in attrs
        vec = ftype.startswith("[")
        base = ftype.strip("[]")
        if base in unions:
            out.append(("1u", fname + "_type", None))
            out.append(("U", fname, base))
            continue
        if deprecated:
            out.append(("-", fname, None))
            continue
        size = SCALARS.get(base) or (enums[base][0] if base in enums else None)
        tletter = "f" if base in ("float", "float32", "double", "float64") else "b" if base == "bool" else \
            "u" if base in ("ubyte", "uint8", "ushort", "uint16", "uint", "uint32", "ulong", "uint64") else "i"
        if base in enums and enums[base][0] and base not in SCALARS:
            tletter = "e"
        if vec:
            if size:
                out.append((VEC[size], fname, None))
            elif base == "string":
                out.append(("S", fname, None))
            elif base in tables:
                out.append(("V", fname, base))
            elif structs.get(base) in VEC:
                out.append((VEC[structs[base]], fname, None))  # vector of inline structs
            else:
                sys.exit(f"gen_schema: unknown vector type {ftype}")
        elif size:
            out.append((str(size) + tletter, fname, None))
        elif base == "string":
            out.append(("s", fname, None))
        elif base in tables:
            out.append(("T", fname, base))
        else:
            sys.exit(f"gen_schema: unknown type {ftype}")
    return out


def generate(schema, namespace, all_enums):
    enums, unions, tables, structs, order = parse(schema.read_text())
    L = []
    w = L.append
    w(f"// GENERATED by tools/gen_schema.py from schema/{schema.name}. Do not edit.")
    w("#pragma once")
    w('#include "flatnn/model/fb_verifier.hpp"')
    w("")
    w(f"namespace {namespace} {{")
    w("")
    # Forward declarations so tables can reference each other in any order.
    for t in order:
        w(f"extern const fb::table_desc {snake(t)}_desc;")
    for u in unions:
        w(f"extern const fb::union_desc {snake(u)}_desc;")
    w("")
    for t in order:
        kinds = field_kinds(tables[t], enums, unions, tables, structs)
        spec = " ".join(k + n for k, n, _ in kinds)
        subs = [s for k, _, s in kinds if k[0] in "TVU"]
        if subs:
            w(f"inline const void* const {snake(t)}_subs[] = {{{', '.join('&' + snake(s) + '_desc' for s in subs)}}};")
        w(f'inline const fb::table_desc {snake(t)}_desc{{"{t}", "{spec}", {snake(t) + "_subs" if subs else "nullptr"}}};')
        if kinds:
            w(f"namespace {snake(t)}_field {{ enum : int {{ {', '.join(f'{n} = {i}' for i, (_, n, _) in enumerate(kinds))} }}; }}")
    w("")
    for u, members in unions.items():
        arr = ", ".join(["nullptr"] + [f"&{snake(m)}_desc" if m in tables else "nullptr" for m in members])
        w(f"inline const fb::table_desc* const {snake(u)}_members[] = {{{arr}}};")
        w(f'inline const fb::union_desc {snake(u)}_desc{{"{u}", {len(members) + 1}, {snake(u)}_members}};')
        names = ", ".join(['"NONE"'] + [f'"{m}"' for m in members])
        w(f"inline const char* const {snake(u)}_names[] = {{{names}}};")
        w(f"namespace {snake(u)}_tag {{ enum : uint8_t {{ none = 0, {', '.join(f'{snake(m)} = {i + 1}' for i, m in enumerate(members))} }}; }}")
    w("")
    if all_enums:
        ctype = {1: "int8_t", 2: "int16_t", 4: "int32_t", 8: "int64_t"}
        for e, (size, values) in enums.items():
            w(f"enum class {snake(e)} : {ctype[size]} {{ {', '.join(f'{k.lower()} = {v}' for k, v in values)} }};")
        w("")
        w(f"}}  // namespace {namespace}")
        return "\n".join(L) + "\n"
    ops = enums["BuiltinOperator"][1]
    w("// BuiltinOperator: values as in the schema.")
    w("enum class builtin_op : int32_t {")
    for k, v in ops:
        ident = k.lower() + ("_" if k.lower() in KEYWORDS else "")
        w(f"    {ident} = {v},")
    w("};")
    w(f"inline constexpr int32_t builtin_op_count = {max(v for _, v in ops) + 1};")
    table = ["nullptr"] * (max(v for _, v in ops) + 1)
    for k, v in ops:
        table[v] = f'"{k}"'
    w("inline const char* const builtin_op_names[] = {")
    for i in range(0, len(table), 6):
        w("    " + ", ".join(table[i:i + 6]) + ",")
    w("};")
    w("")
    w(f"}}  // namespace {namespace}")
    return "\n".join(L) + "\n"


def main():
    for schema, out, namespace, all_enums in TARGETS:
        text = generate(schema, namespace, all_enums)
        if "--check" in sys.argv:
            if not out.exists() or out.read_text() != text:
                sys.exit(f"{out.relative_to(ROOT)} is stale: run tools/gen_schema.py")
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)


if __name__ == "__main__":
    main()
