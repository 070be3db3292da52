// Output formatting for the simulated docker (CLI 28) and kubectl (1.30/1.32) commands: pure
// functions that print exactly what the real clients print.
//
// The model: the real printers are Go code, so each module mirrors one Go mechanism and names it
// in its first line — text/tabwriter, fmt/strconv, encoding/json, text/template (+ docker's
// formatter and its functions), client-go's JSONPath, cli-runtime's custom-columns printer,
// sigs.k8s.io/yaml over go-yaml v2, go-units and apimachinery durations, sortorder.NaturalLess.
// JS values stand in for Go values: integral numbers are int64, other numbers float64, `null` is
// nil, `undefined` is "no value"; an object is a Go struct or map as go-value.ts explains.
// Expected failures (template errors, bad jsonpath) are returned as values carrying the real
// clients' messages; nothing here throws on user input, and every evaluator has a budget.

export { dockerTable, kubectlTable, renderTable, tabwrite, type TabwriterOptions } from './tabwriter';
export { dockerAgo, dockerHumanDuration, kubeAge, kubeHumanDuration, kubeShortHumanDuration } from './duration';
export { naturalCompare, naturalLess, naturalSortBy } from './natural-sort';

export { GoByte, GoDuration, GoFileMode, GoFloat, GoIntStringer, GoTime, type GoObjectKind, goMap, goNil, goStruct, isGoNil } from './go-value';
export { goFormatFloat, goNumber, goQuote, goSharpV, goSprint, goSprintln, goTimeQuote, goV } from './go-fmt';
export { goSprintf } from './go-printf';
export { goJsonMarshal, goJsonString, type GoJsonOptions } from './go-json';

export {
  type CompileOptions,
  type CompileResult,
  type GoTemplate,
  type RenderOptions,
  compileGoTemplate,
  goTemplate,
  renderGoTemplate,
} from './gotemplate';
export type { ExecResult } from './gotemplate-exec';
export { BUILTINS, DOCKER_FUNCS, FuncError, type GoFunc, type ParamType } from './gotemplate-funcs';
export {
  type DockerFormatOptions,
  type DockerOutput,
  type InspectEntry,
  dockerFormat,
  dockerInspectFormat,
  dockerPreFormat,
} from './docker-format';

export { parseJsonPath, type JPList, type JPNode, type JPParse } from './jsonpath-parse';
export { type JPResults, type JsonPathOptions, evalJsonPath, findJsonPathResults } from './jsonpath';
export {
  type JsonPathTextOptions,
  type KubectlOutput,
  type TextResult,
  jsonPathText,
  jsonPathValueText,
  kubectlJsonPath,
  kubectlJsonPathExecError,
  printJsonPathResults,
} from './jsonpath-text';
export {
  type ColumnsOutput,
  type CustomColumn,
  escapeTerminal,
  kubectlCustomColumns,
  parseCustomColumns,
  relaxedJsonPath,
  renderCustomColumns,
} from './custom-columns';

export { keyLess, kubeYamlError, toKubeYaml } from './kube-yaml';
export { type KubeJsonOptions, kubeList, toKubeJson } from './kube-json';
