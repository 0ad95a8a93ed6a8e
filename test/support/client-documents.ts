import { readdirSync } from "node:fs";
import path from "node:path";
import { Kind, parse, type DefinitionNode, type DocumentNode } from "graphql";
import ts from "typescript";

/**
 * Every GraphQL operation the client sends, read from client/src without running it: each
 * codegen `graphql(`…`)` document, with the fragments it spreads (defined in any `graphql()` call of
 * the client) added as graphql-codegen adds them. A hand-typed `gql` template is refused: every
 * document is generated-typed.
 */
export interface ClientOperation {
  /** e.g. `client/src/search/SearchForm.tsx: SearchCases`. */
  name: string;
  source: string;
  document: DocumentNode;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

export function readClientOperations(repoRoot: string): ClientOperation[] {
  const files = sourceFiles(path.join(repoRoot, "client", "src"));
  const program = ts.createProgram(files, {
    noEmit: true,
    jsx: ts.JsxEmit.Preserve,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();

  const textOf = (node: ts.Node): string => {
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) {
      return node.head.text + node.templateSpans.map((span) => textOf(span.expression) + span.literal.text).join("");
    }
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return textOf(node.expression);
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      let symbol = checker.getSymbolAtLocation(node);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const declaration = symbol?.valueDeclaration;
      if (declaration && (ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration)) && declaration.initializer) {
        return textOf(declaration.initializer);
      }
    }
    throw new Error(`cannot read a GraphQL document part statically: ${node.getText()} (${node.getSourceFile().fileName})`);
  };

  const operations: ClientOperation[] = [];
  const generated: { file: string; source: string; parsed: DocumentNode }[] = [];
  for (const file of files) {
    const sourceFile = program.getSourceFile(file)!;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.expression.getText() === "graphql" && node.arguments.length === 1) {
        const source = textOf(node.arguments[0]!);
        generated.push({ file, source, parsed: parse(source) });
      }
      // Every document goes through codegen, so its types come from the schema (client/codegen.ts).
      if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === "gql") {
        throw new Error(`${path.relative(repoRoot, file)}: a hand-typed gql document; write it as graphql(\`…\`) from client/src/gql`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }

  const fragments = new Map<string, { source: string; definition: DefinitionNode }>();
  for (const { source, parsed } of generated) {
    for (const definition of parsed.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, { source, definition });
    }
  }
  const spreadsOf = (node: unknown, into: Set<string>): Set<string> => {
    if (Array.isArray(node)) node.forEach((child) => spreadsOf(child, into));
    else if (node && typeof node === "object") {
      const record = node as { kind?: string; name?: { value: string } };
      if (record.kind === Kind.FRAGMENT_SPREAD && record.name && !into.has(record.name.value)) {
        into.add(record.name.value);
        spreadsOf(fragments.get(record.name.value)?.definition, into);
      }
      for (const [key, value] of Object.entries(node)) if (key !== "loc") spreadsOf(value, into);
    }
    return into;
  };
  for (const { file, source, parsed } of generated) {
    const operation = parsed.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) continue;
    const used = [...spreadsOf(parsed, new Set<string>())].filter((name) => !parsed.definitions.some((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name));
    const missing = used.filter((name) => !fragments.has(name));
    if (missing.length) throw new Error(`${file}: fragments not found in the client: ${missing.join(", ")}`);
    const fullSource = [source, ...used.map((name) => fragments.get(name)!.source)].join("\n");
    operations.push({
      name: `${path.relative(repoRoot, file)}: ${operation.name?.value ?? "(anonymous)"}`,
      source: fullSource,
      document: { ...parsed, definitions: [...parsed.definitions, ...used.map((name) => fragments.get(name)!.definition)] },
    });
  }
  return operations;
}
