import { suggestMapping, type ImportEncoding, type ImportFileColumns, type ImportRunView, type ImportStatus, type TableMappingInput } from "@kb/shared";
import { useCallback, useEffect, useReducer } from "react";
import { messages as m } from "../messages";
import { getImport, planImport, readColumns, startImport } from "./importApi";
import { fieldLabel, mappingProblem } from "./mappingDraft";

const t = m.importAdmin;
const MAX_BYTES = 50 * 1024 * 1024;

/**
 * The import page as a small state machine, one state on screen at a time (issue 13: an old error
 * stayed after a new attempt, and 「確認結果」 stayed above 「取り込みが完了しました」):
 *   setup (choose a file, map its columns) → checking → planned (the dry run) → running → done | failed
 * Every new attempt clears the last problem; 「対応付けに戻って直す」 returns to setup with what was chosen.
 */
export type Phase = "setup" | "checking" | "planned" | "running" | "done" | "failed";

export interface Problem {
  where: "file" | "mapping" | "form";
  message: string;
}

export interface FlowState {
  phase: Phase;
  file: File | null;
  columns: ImportFileColumns | null;
  reading: boolean;
  encoding: ImportEncoding;
  mapping: TableMappingInput | null;
  status: ImportStatus;
  skipInvalid: boolean;
  /** Existing cases take the chosen status too (only along the workflow's transitions). */
  updateStatus: boolean;
  problem: Problem | null;
  run: ImportRunView | null;
}

type Action =
  | { type: "file"; file: File | null }
  | { type: "columns"; columns: ImportFileColumns; keepMapping: boolean }
  | { type: "encoding"; encoding: ImportEncoding }
  | { type: "mapping"; mapping: TableMappingInput }
  | { type: "options"; status?: ImportStatus; skipInvalid?: boolean; updateStatus?: boolean }
  | { type: "problem"; problem: Problem | null }
  | { type: "checking" }
  | { type: "run"; run: ImportRunView }
  | { type: "back" }
  | { type: "reset" };

const initial: FlowState = {
  phase: "setup",
  file: null,
  columns: null,
  reading: false,
  encoding: "auto",
  mapping: null,
  status: "DRAFT",
  skipInvalid: false,
  updateStatus: false,
  problem: null,
  run: null,
};

function phaseOf(run: ImportRunView): Phase {
  return run.state === "PLANNED" ? "planned" : run.state === "RUNNING" ? "running" : run.state === "SUCCEEDED" ? "done" : "failed";
}

function reduce(state: FlowState, action: Action): FlowState {
  switch (action.type) {
    case "file":
      return { ...state, file: action.file, columns: null, reading: action.file !== null, problem: null, run: null, phase: "setup" };
    case "columns": {
      // A mapping chosen before (an example, a saved one) stays; otherwise one is proposed from the names.
      const mapping = action.keepMapping && state.mapping ? state.mapping : suggestMapping(action.columns.columns, { kintone: action.columns.kintone });
      return { ...state, columns: action.columns, reading: false, mapping };
    }
    case "encoding":
      return { ...state, encoding: action.encoding, problem: null };
    case "mapping":
      return { ...state, mapping: action.mapping, problem: null };
    case "options":
      return { ...state, status: action.status ?? state.status, skipInvalid: action.skipInvalid ?? state.skipInvalid, updateStatus: action.updateStatus ?? state.updateStatus };
    case "problem":
      return { ...state, problem: action.problem, reading: false, phase: action.problem ? "setup" : state.phase };
    case "checking":
      return { ...state, phase: "checking", problem: null, run: null };
    case "run":
      return { ...state, run: action.run, phase: phaseOf(action.run), problem: null };
    case "back":
      return { ...state, phase: "setup", run: null, problem: null };
    case "reset":
      return initial;
  }
}

export function useImportFlow() {
  const [state, dispatch] = useReducer(reduce, initial);

  const read = useCallback(async (file: File, encoding: ImportEncoding, keepMapping: boolean) => {
    if (file.size > MAX_BYTES) return dispatch({ type: "problem", problem: { where: "file", message: t.tooLarge } });
    const result = await readColumns(file, encoding);
    if (!result.ok) return dispatch({ type: "problem", problem: { where: "file", message: result.message } });
    dispatch({ type: "columns", columns: result.value, keepMapping });
  }, []);

  const chooseFile = (file: File | null) => {
    const keep = state.mapping !== null && state.columns === null;
    dispatch({ type: "file", file });
    if (file) void read(file, state.encoding, keep);
  };

  const chooseEncoding = (encoding: ImportEncoding) => {
    dispatch({ type: "encoding", encoding });
    if (state.file) void read(state.file, encoding, true);
  };

  const check = async (): Promise<Problem | null> => {
    const fail = (problem: Problem) => {
      dispatch({ type: "problem", problem });
      return problem;
    };
    if (!state.file) return fail({ where: "file", message: t.chooseFile });
    const problem = state.mapping ? mappingProblem(state.mapping) : t.missingFields(`「${t.fields["title"]}」など`);
    if (problem) return fail({ where: "mapping", message: problem });
    dispatch({ type: "checking" });
    const result = await planImport({
      file: state.file,
      mapping: JSON.stringify(state.mapping),
      status: state.status,
      encoding: state.encoding,
      skipInvalid: state.skipInvalid,
      updateStatus: state.updateStatus,
    });
    if (result.ok) {
      dispatch({ type: "run", run: result.value });
      return null;
    }
    const mappingFields = result.fields.filter((f) => f.path.startsWith("mapping"));
    if (mappingFields.length) return fail({ where: "mapping", message: mappingFields.map((f) => t.mappingIssue(fieldLabel(f.path), f.message)).join(" ／ ") });
    if (result.fields.some((f) => f.path === "file")) return fail({ where: "file", message: result.fields.find((f) => f.path === "file")!.message });
    return fail({ where: "form", message: result.message });
  };

  const start = async () => {
    if (!state.run) return;
    const result = await startImport(state.run.id);
    if (!result.ok) return dispatch({ type: "problem", problem: { where: "form", message: result.message } });
    dispatch({ type: "run", run: result.value });
  };

  // While the import runs, follow it.
  const runId = state.run?.id;
  const running = state.phase === "running";
  useEffect(() => {
    if (!runId || !running) return;
    const timer = window.setInterval(() => {
      void getImport(runId).then((result) => {
        if (result.ok) dispatch({ type: "run", run: result.value });
      });
    }, 500);
    return () => window.clearInterval(timer);
  }, [runId, running]);

  return {
    state,
    chooseFile,
    chooseEncoding,
    setMapping: (mapping: TableMappingInput) => dispatch({ type: "mapping", mapping }),
    setOptions: (options: { status?: ImportStatus; skipInvalid?: boolean; updateStatus?: boolean }) => dispatch({ type: "options", ...options }),
    check,
    start,
    back: () => dispatch({ type: "back" }),
    reset: () => dispatch({ type: "reset" }),
  };
}
export type ImportFlow = ReturnType<typeof useImportFlow>;
