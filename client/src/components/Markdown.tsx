import ReactMarkdown, { type Components } from "react-markdown";

/**
 * Case text as Markdown, rendered sanitised: react-markdown builds React elements from the syntax
 * tree, raw HTML in the text is dropped (`skipHtml`), and link URLs go through its default
 * `urlTransform`, which removes javascript: and other unsafe protocols. A single line break stays a
 * line break (as staff write in Japanese), which plain Markdown would fold into a space.
 */
type MdNode = { type: string; value?: string; children?: MdNode[] };

function keepLineBreaks() {
  const visit = (node: MdNode) => {
    if (!node.children) return;
    node.children = node.children.flatMap((child) => {
      if (child.type !== "text" || !child.value?.includes("\n")) {
        visit(child);
        return [child];
      }
      return child.value
        .split(/\r?\n/)
        .flatMap((part, i): MdNode[] => (i === 0 ? [{ type: "text", value: part }] : [{ type: "break" }, { type: "text", value: part }]));
    });
  };
  return (tree: MdNode) => visit(tree);
}

const components: Components = {
  h1: ({ children }) => <h3 className="text-std-20B-150 text-solid-gray-900">{children}</h3>,
  h2: ({ children }) => <h3 className="text-std-20B-150 text-solid-gray-900">{children}</h3>,
  h3: ({ children }) => <h4 className="text-std-18B-160 text-solid-gray-900">{children}</h4>,
  h4: ({ children }) => <h5 className="text-std-17B-170 text-solid-gray-900">{children}</h5>,
  h5: ({ children }) => <h6 className="text-std-16B-170 text-solid-gray-900">{children}</h6>,
  h6: ({ children }) => <h6 className="text-std-16B-170 text-solid-gray-900">{children}</h6>,
  ul: ({ children }) => <ul className="list-disc space-y-1 pl-6">{children}</ul>,
  ol: ({ children }) => <ol className="list-decimal space-y-1 pl-6">{children}</ol>,
  blockquote: ({ children }) => <blockquote className="border-l-4 border-solid-gray-300 pl-4 text-solid-gray-800">{children}</blockquote>,
  code: ({ children }) => <code className="rounded-4 bg-solid-gray-50 px-1 text-mono-16N-150">{children}</code>,
  pre: ({ children }) => <pre className="overflow-x-auto rounded-8 bg-solid-gray-50 p-3">{children}</pre>,
  a: ({ href, children }) => (
    <a href={href} rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  img: ({ alt }) => <span>{alt}</span>,
};

export function Markdown({ text }: { text: string }) {
  return (
    <div className="space-y-3">
      <ReactMarkdown skipHtml remarkPlugins={[keepLineBreaks]} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
