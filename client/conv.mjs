import fs from "node:fs";
for (const f of process.argv.slice(2)) {
  let s = fs.readFileSync(f, "utf8");
  s = s.replace(/gql`([^`]*)`/g, (_, b) => "graphql(`" + b.replace(/^[ \t]*\$\{[A-Za-z_]+\}[ \t]*\n/gm, "") + "`)");
  s = s.replace(/(const \w+): TypedDocumentNode<.*?> = graphql\(/g, "$1 = graphql(");
  s = s.replace(/^import \{([^}]*)\} from "@apollo\/client";\n/m, (_, names) => {
    const n = names.split(",").map((x) => x.trim()).filter((x) => x && x !== "gql" && x !== "type TypedDocumentNode");
    return n.length ? `import { ${n.join(", ")} } from "@apollo/client";\n` : "";
  });
  const depth = f.split("/").length - 1;
  const rel = depth === 0 ? "./gql" : Array(depth).fill("..").join("/") + "/gql";
  s = `import { graphql } from "${rel}";\n` + s;
  fs.writeFileSync(f, s);
}
