import { readdirSync } from "node:fs";
import path from "node:path";
import { Kind, parse, type DefinitionNode, type DocumentNode } from "graphql";
import ts from "typescript";

/**
 * Every GraphQL operation the client sends, read from client/src without running it: each `gql`
 * template, with its `${…}` parts (fragments, shared field lists, imported from other files)
 * resolved through the TypeScript checker, as graphql-tag would assemble them at run time.
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
    if (ts.isTaggedTemplateExpression(node)) return textOf(node.template);
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
  for (const file of files) {
    const sourceFile = program.getSourceFile(file)!;
    const visit = (node: ts.Node): void => {
      if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === "gql") {
        const source = textOf(node);
        const parsed = parse(source);
        // graphql-tag keeps one definition of each fragment however often it is interpolated.
        const seen = new Set<string>();
        const definitions = parsed.definitions.filter((d: DefinitionNode) => {
          if (d.kind !== Kind.FRAGMENT_DEFINITION) return true;
          if (seen.has(d.name.value)) return false;
          seen.add(d.name.value);
          return true;
        });
        const operation = definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
        if (operation && operation.kind === Kind.OPERATION_DEFINITION) {
          operations.push({
            name: `${path.relative(repoRoot, file)}: ${operation.name?.value ?? "(anonymous)"}`,
            source,
            document: { ...parsed, definitions },
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return operations;
}
