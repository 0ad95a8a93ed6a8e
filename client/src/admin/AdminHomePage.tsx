import { Link } from "react-router";
import { RequireLogin } from "../auth/RequireLogin";
import { hasAdminTools, isHub, isSecretariat, type Me } from "../auth/me";
import { WayOn } from "../components/WayOn";
import { messages as m } from "../messages";

const h = m.admin.home;

type Tool = keyof typeof h.tools;
const TOOL_PATHS: Record<Tool, string> = {
  hub: "/admin/hub",
  synonyms: "/admin/synonyms",
  tags: "/admin/tags",
  dashboard: "/admin/dashboard",
  demand: "/admin/demand",
  import: "/admin/import",
  people: "/admin/people",
  departments: "/admin/departments",
  personnel: "/admin/personnel",
};

/**
 * 管理 (/admin): the one header entry for the curators' and admins' tools, which had grown to seven
 * links of their own in the header (five lines of links on a phone). Each tool says what it is for;
 * a role sees only the tools it may use (the server refuses the rest anyway).
 */
export default function AdminHomePage() {
  return <RequireLogin>{(me) => (hasAdminTools(me) ? <AdminHome me={me} /> : <NotForYou />)}</RequireLogin>;
}

function AdminHome({ me }: { me: Me }) {
  const curator = isSecretariat(me) || me.role === "ADMIN";
  const groups: { heading: string; tools: Tool[] }[] = [
    // The installation's 広域事務局 (issue 16): the commons, the vocabulary it owns, and what staff everywhere look for.
    ...(isHub(me) ? [{ heading: h.hubHeading, tools: (curator ? ["hub", "synonyms", "tags"] : ["hub", "synonyms", "tags", "demand"]) as Tool[] }] : []),
    ...(curator ? [{ heading: h.curationHeading, tools: (isHub(me) ? ["dashboard", "demand"] : ["synonyms", "tags", "dashboard", "demand"]) as Tool[] }] : []),
    ...(me.role === "ADMIN" ? [{ heading: h.peopleHeading, tools: ["import", "people", "departments", "personnel"] as Tool[] }] : []),
  ];
  return (
    <div className="space-y-8">
      <title>{`${h.title}${m.app.titleSuffix}`}</title>
      <header className="space-y-3">
        <h1 className="text-std-28B-150 text-solid-gray-900 md:text-std-32B-150">{h.title}</h1>
        <p className="text-dns-16N-130 text-solid-gray-800">{h.lead}</p>
      </header>
      {groups.map((group) => (
        <section key={group.heading} aria-labelledby={`admin-${group.tools[0]}`} className="space-y-3">
          <h2 id={`admin-${group.tools[0]}`} className="text-std-22B-150 text-solid-gray-900">
            {group.heading}
          </h2>
          <ul className="grid gap-3 md:grid-cols-2">
            {group.tools.map((tool) => (
              <li key={tool} className="rounded-8 border border-solid-gray-200 p-4">
                <Link to={TOOL_PATHS[tool]} className="text-std-18B-160">
                  {h.tools[tool].title}
                </Link>
                <p className="mt-1 text-dns-16N-130 text-solid-gray-800">{h.tools[tool].description}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function NotForYou() {
  return (
    <div className="space-y-4">
      <h1 className="text-std-28B-150 text-solid-gray-900">{m.errors.forbidden}</h1>
      <p>{h.forbidden}</p>
      <WayOn stop="forbidden" />
    </div>
  );
}
