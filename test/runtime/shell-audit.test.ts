// The container shell as students use it in `docker exec` / `kubectl exec` and busybox command
// lines, checked against busybox 1.35 ash, dash 0.5 and bash 5 (the expected texts are what those
// shells print for the same script; images.md §3.2, §5.4).

import { describe, expect, it } from "vitest";
import { docker, kube, one } from "./replay-helpers";

const BOX = "docker run -d --name b busybox sleep 3600";
const DEB = "docker run -d --name d debian:12 sleep 3600";
/** `docker exec CONTAINER SHELL -c SCRIPT`, the script single-quoted for the host shell. */
const exec = (setup: string, container: string, shell: string, script: string) =>
  one(docker(setup, `docker exec ${container} ${shell} -c '${script.replace(/'/g, "'\\''")}'`)[0]!);
const ash = (script: string) => exec(BOX, "b", "sh", script);
const dash = (script: string) => exec(DEB, "d", "sh", script);
const bash = (script: string) => exec(DEB, "d", "bash", script);

describe("case … esac", () => {
  it.each([
    ["case foo in f*) echo yes;; *) echo no;; esac", "yes\n"],
    ["x=abc.tar.gz; case $x in *.gz|*.tgz) echo gz ;; esac; case \"$x\" in \"*\") echo star;; [a-c]*) echo range;; esac", "gz\nrange\n"],
    ["case 1 in 2) echo two;; esac; echo $?", "0\n"],
    ["case a in (a) echo paren;; esac; case x in x) echo last-arm-without-semis; esac", "paren\nlast-arm-without-semis\n"],
    ["case \"x*\" in x\\*) echo escaped;; esac", "escaped\n"],
  ])("%s", (script, stdout) => {
    expect(ash(script)).toEqual({ exitCode: 0, stdout, stderr: "" });
    expect(dash(script)).toEqual({ exitCode: 0, stdout, stderr: "" });
  });
});

describe("here-documents and here-strings", () => {
  it("<<EOF expands $… and \\$, keeps quotes; <<'EOF' is literal; <<-EOF strips tabs", () => {
    expect(ash("cat <<EOF\nhello $((1+1)) \\$HOME \"q\"\nEOF")).toEqual({ exitCode: 0, stdout: "hello 2 $HOME \"q\"\n", stderr: "" });
    expect(ash("cat <<\"EOF\"\nhello $HOME\nEOF\necho after")).toEqual({ exitCode: 0, stdout: "hello $HOME\nafter\n", stderr: "" });
    expect(ash("cat <<-EOF\n\t\ttabbed\n\tEOF")).toEqual({ exitCode: 0, stdout: "tabbed\n", stderr: "" });
  });

  it("feeds read and redirections; bash's <<< adds a newline", () => {
    expect(ash("read a b <<EOF\none two three\nEOF\necho \"[$a][$b]\"")).toEqual({ exitCode: 0, stdout: "[one][two three]\n", stderr: "" });
    expect(ash("cat <<EOF > /tmp/f\nline1\nline2\nEOF\ncat /tmp/f")).toEqual({ exitCode: 0, stdout: "line1\nline2\n", stderr: "" });
    expect(bash("cat <<< hello")).toEqual({ exitCode: 0, stdout: "hello\n", stderr: "" });
  });

  it("kubectl exec … -- sh -c with a here-document writing a file", () => {
    const steps = kube("kubectl run b --image=busybox -- sleep 3600\n" +
      "kubectl exec b -- sh -c 'cat > /tmp/app.conf <<EOF\nport=8080\nEOF\ncat /tmp/app.conf'");
    expect(one(steps[1]!)).toEqual({ exitCode: 0, stdout: "port=8080\n", stderr: "" });
  });
});

describe("functions, return, local and the EXIT trap", () => {
  it.each([
    ["f() { echo in f $1 $#; return 4; }; f arg b; echo $?", 0, "in f arg 2\n4\n"],
    ["g() { local v=in; echo $v; }; v=out; g; echo $v", 0, "in\nout\n"],
    ["f() echo body-is-any-command; f", 0, "body-is-any-command\n"],
    ["trap \"echo bye\" EXIT; echo hi", 0, "hi\nbye\n"],
    ["trap \"echo bye\" EXIT; exit 3", 3, "bye\n"],
    ["trap 'echo trapped $?' EXIT; false", 1, "trapped 1\n"],
    ["return 3; echo not-reached", 3, ""],
  ])("%s", (script, exitCode, stdout) => {
    expect(ash(script)).toEqual({ exitCode, stdout, stderr: "" });
  });

  it("a container's EXIT trap runs when its script ends (docker logs)", () => {
    const [logs] = docker("docker run -d --name t busybox sh -c 'trap \"echo cleanup\" EXIT; echo start; sleep 2'\nsleep 3", "docker logs t");
    expect(logs!.stdout).toBe("start\ncleanup\n");
  });

  it("a new shell process does not inherit the caller's traps or functions", () => {
    expect(ash("trap \"echo outer\" EXIT; f() { :; }; sh -c \"f\"; echo $?")).toEqual({ exitCode: 0, stdout: "127\nouter\n", stderr: "sh: f: not found\n" });
  });
});

describe("parameter expansion", () => {
  it("prefix/suffix removal, substitution, substrings and defaults that expand", () => {
    expect(ash("x=/a/b/c.txt; echo ${x##*/} ${x%/*} ${x#/} ${x%%/*}X ${x/c/C} ${x//[ab]/Z}; y=hello; echo ${y:1} ${y:1:2} ${y: -2} ${z:-$y}"))
      .toEqual({ exitCode: 0, stdout: "c.txt /a/b a/b/c.txt X /a/b/C.txt /Z/Z/c.txt\nello el lo hello\n", stderr: "" });
  });

  it("dash has no ${V/p/r} or ${V:o:l}: Bad substitution ends the shell", () => {
    expect(dash("echo start; x=hello; echo ${x:1:2}; echo never")).toEqual({ exitCode: 2, stdout: "start\n", stderr: "sh: 1: Bad substitution\n" });
  });

  it("${V?} and ${V:?msg} end the shell with status 2", () => {
    expect(ash("echo ${x?}; echo never")).toEqual({ exitCode: 2, stdout: "", stderr: "sh: x: parameter not set\n" });
    expect(ash("y=; echo ${y:?}")).toEqual({ exitCode: 2, stdout: "", stderr: "sh: y: parameter not set or null\n" });
    expect(dash("echo ${y:?is unset}")).toEqual({ exitCode: 2, stdout: "", stderr: "sh: 1: y: is unset\n" });
  });

  it("tilde, IFS splitting, set -- and shift", () => {
    expect(ash("echo ~ ~/x a~ \"~\"; y=~/z; echo $y")).toEqual({ exitCode: 0, stdout: "/root /root/x a~ ~\n/root/z\n", stderr: "" });
    expect(ash("IFS=:; x=\"a:b::c\"; for p in $x; do echo \"[$p]\"; done")).toEqual({ exitCode: 0, stdout: "[a]\n[b]\n[]\n[c]\n", stderr: "" });
    expect(ash("set -- a \"b c\" d; echo $# $2; shift; echo $*")).toEqual({ exitCode: 0, stdout: "3 b c\nb c d\n", stderr: "" });
  });

  it("bash expands braces ({1..3}, {a,b}); ash keeps them", () => {
    expect(bash("for i in {1..3}; do echo $i; done; echo x{a,b}y {c..a}")).toEqual({ exitCode: 0, stdout: "1\n2\n3\nxay xby c b a\n", stderr: "" });
    expect(ash("echo {1..3} {a,b}")).toEqual({ exitCode: 0, stdout: "{1..3} {a,b}\n", stderr: "" });
  });
});

describe("arithmetic", () => {
  it("C operators, assignments, increments, hex and octal constants", () => {
    expect(ash("i=1; echo $((3*4+1)) $((1<<4)) $((7&3)) $((2**10)) $((0x10)) $((010)) $((5>3?10:20)) $((~0)) $((i+=2)) $((i++)) $i; x=3+4; echo $((x*2))"))
      .toEqual({ exitCode: 0, stdout: "13 16 3 1024 16 8 10 -1 3 3 4\n14\n", stderr: "" });
  });

  it("division by zero and syntax errors end the shell, in each shell's words", () => {
    expect(ash("echo $((1/0)); echo never")).toEqual({ exitCode: 2, stdout: "", stderr: "sh: divide by zero\n" });
    expect(ash("echo $((1+))")).toEqual({ exitCode: 2, stdout: "", stderr: "sh: arithmetic syntax error\n" });
    expect(dash("echo $((1%0))")).toEqual({ exitCode: 2, stdout: "", stderr: "sh: 1: arithmetic expression: division by zero: \"1%0\"\n" });
    expect(dash("i=1; echo $((i++))")).toEqual({ exitCode: 2, stdout: "", stderr: "sh: 1: arithmetic expression: expecting primary: \"i++\"\n" });
  });
});

describe("syntax errors: what was expected, and the commands before the error run", () => {
  it.each([
    ["echo a\nwhile true; do echo", "a\n", "sh: syntax error: unexpected end of file (expecting \"done\")\n", "sh: 2: Syntax error: end of file unexpected (expecting \"done\")\n"],
    ["case x in x) echo a; b) ;; esac", "", "sh: syntax error: unexpected \")\" (expecting \";;\")\n", "sh: 1: Syntax error: \")\" unexpected (expecting \";;\")\n"],
    ["{ echo a; ) ", "", "sh: syntax error: unexpected \")\" (expecting \"}\")\n", "sh: 1: Syntax error: \")\" unexpected (expecting \"}\")\n"],
    ["(echo a) b", "", "sh: syntax error: unexpected word\n", "sh: 1: Syntax error: word unexpected\n"],
    ["for 1 in a; do :; done", "", "sh: syntax error: bad for loop variable\n", "sh: 1: Syntax error: Bad for loop variable\n"],
    ["echo a\necho \"a\nb", "a\n", "sh: syntax error: unterminated quoted string\n", "sh: 3: Syntax error: Unterminated quoted string\n"],
  ])("%j", (script, stdout, ashErr, dashErr) => {
    expect(ash(script)).toEqual({ exitCode: 2, stdout, stderr: ashErr });
    expect(dash(script)).toEqual({ exitCode: 2, stdout, stderr: dashErr });
  });

  it("bash counts an end of file one line on and names the quote's line", () => {
    expect(bash("echo a\nwhile true; do echo")).toEqual({ exitCode: 2, stdout: "a\n", stderr: "bash: -c: line 3: syntax error: unexpected end of file\n" });
    expect(bash("echo a\necho \"a\nb")).toEqual({ exitCode: 2, stdout: "a\n", stderr: "bash: -c: line 2: unexpected EOF while looking for matching `\"'\n" });
  });
});

describe("builtins: type, cd -, test errors, printf %e, redirection errors", () => {
  it("type names keywords, functions, builtins and programs", () => {
    expect(ash("f() { :; }; type if f echo cat nosuch")).toEqual({
      exitCode: 127, stdout: "if is a shell keyword\nf is a function\necho is a shell builtin\ncat is /bin/cat\nnosuch: not found\n", stderr: "" });
  });

  it("cd - prints the directory and cd records OLDPWD", () => {
    expect(ash("cd /tmp; cd /; cd -; echo $OLDPWD")).toEqual({ exitCode: 0, stdout: "/tmp\n/\n", stderr: "" });
  });

  it("[ without ] and non-integer operands are usage errors (status 2)", () => {
    expect(ash("[ 1 -eq a ]; echo $?; [ 1 = 1; echo $?")).toEqual({ exitCode: 0, stdout: "2\n2\n", stderr: "sh: a: bad number\nsh: missing ]\n" });
    expect(dash("[ 1 -eq a ]; echo $?; [ 1 = 1; echo $?")).toEqual({ exitCode: 0, stdout: "2\n2\n", stderr: "sh: 1: [: Illegal number: a\nsh: 1: [: missing ]\n" });
  });

  it("printf %e and %g", () => {
    expect(ash("printf '%5.1f|%e|%g|%g\\n' 3.14159 1000 0.0001 1234567")).toEqual({ exitCode: 0, stdout: "  3.1|1.000000e+03|0.0001|1.23457e+06\n", stderr: "" });
  });

  it("< of a missing file: ash and dash wording", () => {
    expect(ash("read x < /nope; echo r=$?")).toEqual({ exitCode: 0, stdout: "r=1\n", stderr: "sh: can't open /nope: no such file\n" });
    expect(dash("read x < /nope; echo r=$?")).toEqual({ exitCode: 0, stdout: "r=2\n", stderr: "sh: 1: cannot open /nope: No such file\n" });
  });
});

describe("[[ ]], let, $'…', nested backquotes, $(( $(…) ))", () => {
  it("[[ … ]] with && || ! patterns and regexes (ash and bash); dash has no [[", () => {
    const script = "[[ -f /etc/passwd && ! -d /nope ]] && echo files; [[ abc == a* ]] && echo glob; [[ abc =~ ^a.c$ ]] && echo re; [[ 1 -lt 2 || x = y ]] && echo or";
    expect(ash(script)).toEqual({ exitCode: 0, stdout: "files\nglob\nre\nor\n", stderr: "" });
    expect(bash(script)).toEqual({ exitCode: 0, stdout: "files\nglob\nre\nor\n", stderr: "" });
    expect(dash("[[ -f /etc/passwd ]] && echo y")).toEqual({ exitCode: 127, stdout: "", stderr: "sh: 1: [[: not found\n" });
    expect(bash("[[ abc == \"a*\" ]] || echo quoted-is-literal")).toEqual({ exitCode: 0, stdout: "quoted-is-literal\n", stderr: "" });
  });

  it("let, $'…', nested backquotes and command substitution inside arithmetic", () => {
    expect(ash("let x=2+3; x=$((x * $(echo 2))); echo $x; echo $'a\\tb' `echo \\`echo nested\\``"))
      .toEqual({ exitCode: 0, stdout: "10\na\tb nested\n", stderr: "" });
  });
});

describe("shell state errors: readonly, set -u, shift, printf numbers, assignment status", () => {
  it.each([
    ["readonly r=1; r=2; echo $r", 2, "", "sh: r: is read only\n"],
    ["set -u; echo ${nope:-ok}; echo $nope; echo after", 2, "ok\n", "sh: nope: parameter not set\n"],
    ["shift 5; echo $?", 0, "1\n", ""],
    ["printf '%d|%d\\n' abc 7; echo $?", 0, "0|7\n1\n", "sh: invalid number 'abc'\n"],
    ["x=$(false); echo $?; A=2 sh -c 'echo $A'; echo ${A:-unset}", 0, "1\n2\nunset\n", ""],
    ["v=abc; echo ${v^^}", 2, "", "sh: syntax error: bad substitution\n"],
  ])("%s", (script, exitCode, stdout, stderr) => {
    expect(ash(script)).toEqual({ exitCode, stdout, stderr });
  });

  it("dash and bash word them their way", () => {
    expect(dash("shift 5; echo never")).toEqual({ exitCode: 2, stdout: "", stderr: "sh: 1: shift: can't shift that many\n" });
    expect(dash("printf '%d\\n' 3.5")).toEqual({ exitCode: 1, stdout: "3\n", stderr: "sh: 1: printf: 3.5: not completely converted\n" });
    expect(bash("readonly r=1; r=2; echo never")).toEqual({ exitCode: 1, stdout: "", stderr: "bash: line 1: r: readonly variable\n" });
    expect(bash("v=abc; echo ${v^^} ${v^}")).toEqual({ exitCode: 0, stdout: "ABC Abc\n", stderr: "" });
  });
});

describe("ls operands", () => {
  it("files first, then each directory under a header; -d lists directories themselves", () => {
    expect(ash("mkdir -p /q/d; touch /q/f /q/d/x; ls /q/d /q/f; ls -d /tmp /etc"))
      .toEqual({ exitCode: 0, stdout: "/q/f\n\n/q/d:\nx\n/etc\n/tmp\n", stderr: "" });
  });
});

describe("the busybox binary itself", () => {
  it("busybox APPLET runs the applet; an unknown one is not found (127)", () => {
    expect(one(docker("docker pull -q busybox", "docker run --rm busybox busybox echo hi")[0]!)).toEqual({ exitCode: 0, stdout: "hi\n", stderr: "" });
    expect(one(docker("docker pull -q busybox", "docker run --rm busybox busybox nosuch")[0]!)).toEqual({ exitCode: 127, stdout: "", stderr: "nosuch: applet not found\n" });
    expect(one(docker("docker pull -q alpine", "docker run --rm alpine which busybox")[0]!)).toEqual({ exitCode: 0, stdout: "/bin/busybox\n", stderr: "" });
  });
});

describe("text tools and launchers in container one-liners (busybox 1.35 applets)", () => {
  it.each([
    ["printf 'a\\nb\\nc\\nd\\n' | tail -n +3", "c\nd\n"],
    ["printf 'foo\\nbar\\nfoo\\n' | grep -n foo; printf 'foo1\\nbar22\\n' | grep -o '[0-9]*'", "1:foo\n3:foo\n1\n22\n"],
    ["printf 'x 3\\ny 1\\nz 2\\n' | sort -k2; printf 'b:2\\na:1\\n' | sort -t: -k2 -n", "y 1\nz 2\nx 3\na:1\nb:2\n"],
    ["seq -s , 3; yes | head -2; expr length hello", "1,2,3\ny\ny\n5\n"],
    ["echo \"a b c\" | xargs -n 1 echo; printf 'x\\ny\\n' | xargs -I{} echo item-{}", "a\nb\nc\nitem-x\nitem-y\n"],
    ["env A=1 sh -c 'echo $A'; timeout 5 echo hi; nohup echo x 2>/dev/null", "1\nhi\nx\n"],
  ])("%s", (script, stdout) => {
    expect(ash(script)).toEqual({ exitCode: 0, stdout, stderr: "" });
  });

  it("xargs returns 123 when an invocation fails", () => {
    expect(ash("echo 1 2 | xargs -n1 sh -c 'exit $0'; echo $?")).toEqual({ exitCode: 0, stdout: "123\n", stderr: "" });
  });
});

describe("shell command-line options", () => {
  it("sh -ec / -xc / -e -c set the options; a missing script file is each shell's error", () => {
    expect(ash("sh -ec \"echo a; false; echo b\"; echo rc=$?; sh -e -c \"false; echo no\"; echo $?"))
      .toEqual({ exitCode: 0, stdout: "a\nrc=1\n1\n", stderr: "" });
    expect(ash("sh -xc \"echo hi\"")).toEqual({ exitCode: 0, stdout: "hi\n", stderr: "+ echo hi\n" });
    expect(ash("sh nosuch; echo $?")).toEqual({ exitCode: 0, stdout: "2\n", stderr: "sh: can't open 'nosuch': No such file or directory\n" });
    expect(dash("sh nosuch; echo $?")).toEqual({ exitCode: 0, stdout: "2\n", stderr: "sh: 0: cannot open nosuch: No such file\n" });
    expect(bash("bash nosuch; echo $?")).toEqual({ exitCode: 0, stdout: "127\n", stderr: "bash: nosuch: No such file or directory\n" });
  });

  it("a container started as sh -ec stops at the first failing command", () => {
    const [logs, ps] = docker("docker run --name j busybox sh -ec 'echo start; false; echo never'", "docker logs j\ndocker ps -a --format '{{.Status}}'");
    expect(logs!.stdout).toBe("start\n");
    expect(ps!.stdout).toMatch(/^Exited \(1\)/);
  });
});

describe("read and variables in forks", () => {
  it.each([
    ["printf 'a\\\\b c\\n' | { read x; echo \"[$x]\"; }; printf 'a\\\\b c\\n' | { read -r x; echo \"[$x]\"; }", "[ab c]\n[a\\b c]\n"],
    ["printf '  lead  trail  \\n' | { read x; echo \"[$x]\"; }; printf 'a b c d\\n' | { read x y; echo \"[$x][$y]\"; }", "[lead  trail]\n[a][b c d]\n"],
    ["printf 'a:b:c\\n' | { IFS=: read x y; echo \"[$x][$y]\"; }; printf 'x\\n' | { read; echo \"[$REPLY]\"; }", "[a][b:c]\n[x]\n"],
    ["printf 'l1\\nl2' | while read l; do echo \"[$l]\"; done", "[l1]\n"],
    ["x=1; IFS=:; echo a:b | while read l m; do echo $x$l$m; done; (echo $x); sh -c 'echo [$x]'", "1ab\n1\n[]\n"],
  ])("%s", (script, stdout) => {
    expect(ash(script)).toEqual({ exitCode: 0, stdout, stderr: "" });
  });
});

describe("awk programs (busybox 1.35 awk gives the same)", () => {
  it.each([
    ["printf '1\\n2\\n3\\n' | awk '{s+=$1} END {print s}'", "6\n"],
    ["awk 'BEGIN { printf \"%05.1f|%s\\n\", 3.14159, \"x\" }'", "003.1|x\n"],
    ["printf 'a b\\nc d\\n' | awk '{print $1\":\"$2}'; printf 'a b\\nc d\\n' | awk 'NR>1 {print $1}'", "a:b\nc:d\nc\n"],
    ["printf 'x Running\\ny Pending\\nz Running\\n' | awk '$2==\"Running\" {n++} END {print n}'", "2\n"],
    ["printf 'a\\nb\\na\\n' | awk '{c[$1]++} END {print c[\"a\"], c[\"b\"]}'", "2 1\n"],
    ["printf '3\\n5\\n' | awk '{ if ($1 > 4) print \"big\"; else print \"small\" }'", "small\nbig\n"],
    ["printf 'abc\\n' | awk '{print length($0), toupper($0), substr($0, 2, 1)}'; printf '1.5 2\\n' | awk '{print $1*$2, $1/4}'", "3 ABC b\n3 0.375\n"],
    ["printf 'a b c\\n' | awk '{print NF; $2=\"X\"; print}'; printf 'foo bar\\n' | awk '$1 ~ /^f/ {print \"match\"}'", "3\na X c\nmatch\n"],
  ])("%s", (script, stdout) => {
    expect(ash(script)).toEqual({ exitCode: 0, stdout, stderr: "" });
  });
});

describe("a shell without a script reads its commands from stdin", () => {
  it("echo '…' | docker exec -i c sh, and sh -s", () => {
    const steps = docker("docker pull -q busybox\ndocker run -d --name b busybox sleep 3600",
      "echo 'echo from-stdin; exit 3' | docker exec -i b sh\necho 'echo via-sh-s' | docker exec -i b sh -s\necho 'echo ignored' | docker exec b sh");
    expect(steps.map(one)).toEqual([
      { exitCode: 3, stdout: "from-stdin\n", stderr: "" },
      { exitCode: 0, stdout: "via-sh-s\n", stderr: "" },
      { exitCode: 0, stdout: "", stderr: "" },
    ]);
  });
});

describe("\"$@\", exec redirections, BASE#N, printf %b, trap listing", () => {
  it.each([
    ["set -- \"a b\" c; for a in \"$@\"; do echo \"[$a]\"; done; echo \"[$*]\"; set --; for a in \"$@\"; do echo none; done", "[a b]\n[c]\n[a b c]\n"],
    ["f() { for a in \"$@\"; do echo \"<$a>\"; done; }; f 1 \"2 3\"; set -- a b; echo \"pre$@post\"", "<1>\n<2 3>\nprea bpost\n"],
    ["exec 2>/dev/null; ls /nope; echo after", "after\n"],
    ["echo $((16#ff)) $((2#101)); printf '%b\\n' 'a\\tb'; trap 'echo t' EXIT; trap", "255 5\na\tb\ntrap -- 'echo t' EXIT\nt\n"],
  ])("%s", (script, stdout) => {
    expect(ash(script)).toEqual({ exitCode: 0, stdout, stderr: "" });
  });
});

describe("env's own options", () => {
  it("env -i, -u and NAME=VALUE change what it prints", () => {
    expect(ash("env -i A=1; env A=2 | grep ^A=; env -u HOME | grep -c HOME")).toEqual({ exitCode: 1, stdout: "A=1\nA=2\n0\n", stderr: "" });
  });
});
