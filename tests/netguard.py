"""Run a whole command under strace and list every attempt to reach the network.

Offset promises no network call at run time. Python-level socket patches cannot see native code
(onnxruntime's telemetry resolves its collector from C++), so this watches system calls instead:
`strace -f -e trace=connect,sendto,sendmsg,sendmmsg` over the command and every thread and child
process it starts. A call counts as reaching out when it addresses an IP that is not loopback, or
anything on port 53 (a DNS query, even to a local resolver: the name asked for is what leaks), or a
local name-service socket (systemd-resolved, avahi). Lookups answered by nscd cannot be told from
its user and group lookups, so they are not counted (nscd is not installed on Debian by default).

Reusable for any command: `trace_network(["offset", "process", ...]).calls == []` for the CLI, the
same with the job worker's command for the service.
"""

from __future__ import annotations

import ipaddress
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

TRACED = "connect,sendto,sendmsg,sendmmsg"
_CALL = re.compile(r"^(?P<pid>\d+)\s+(?P<syscall>connect|sendto|sendmsg|sendmmsg)\((?P<fd>\d+)")
_INET = re.compile(r'sa_family=AF_INET, sin_port=htons\((?P<port>\d+)\), sin_addr=inet_addr\("(?P<addr>[^"]+)"\)')
_INET6 = re.compile(r'sa_family=AF_INET6, sin6_port=htons\((?P<port>\d+)\).*?inet_pton\(AF_INET6, "(?P<addr>[^"]+)"')
_UNIX = re.compile(r'sa_family=AF_UNIX, sun_path=(?:@)?"(?P<path>[^"]+)"')
RESOLVER_SOCKETS = ("/run/systemd/resolve/", "/var/run/avahi-daemon/", "/run/avahi-daemon/")


@dataclass(frozen=True)
class NetworkCall:
    """One system call that tried to reach the network, as strace printed it."""

    pid: int
    syscall: str
    target: str
    line: str


@dataclass
class TracedRun:
    """The finished command and the network calls it made."""

    process: subprocess.CompletedProcess[str]
    calls: list[NetworkCall]

    def report(self) -> str:
        return "\n".join(f"{c.syscall} -> {c.target}: {c.line[:200]}" for c in self.calls)


def _outside(line: str) -> str | None:
    """What the call reached for, when it left the machine or asked a name; None when local."""
    for m in list(_INET.finditer(line)) + list(_INET6.finditer(line)):
        port, addr = int(m.group("port")), m.group("addr")
        if port == 53:
            return f"DNS server {addr}:53"
        if not ipaddress.ip_address(addr).is_loopback:
            return f"{addr}:{port}"
    m = _UNIX.search(line)
    if m and m.group("path").startswith(RESOLVER_SOCKETS):
        return f"name service {m.group('path')}"
    return None


def trace_network(
    command: Sequence[str],
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 900,
) -> TracedRun:
    """Run `command` under `strace -f`; return it with every call that reached beyond this machine."""
    strace = shutil.which("strace")
    if strace is None:
        raise RuntimeError("strace is not installed: `apt-get install -y strace` (`make test` does it as root).")
    with tempfile.TemporaryDirectory(prefix="netguard-") as tmp:
        log = Path(tmp) / "strace.log"
        proc = subprocess.run(
            [strace, "-f", "-qq", "-s", "64", "-e", f"trace={TRACED}", "-o", str(log), *command],
            capture_output=True,
            text=True,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            timeout=timeout,
            check=False,
        )
        lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    calls = []
    connected: dict[tuple[str, str], str] = {}  # (pid, fd) -> where a connect() pointed it
    for line in lines:
        m = _CALL.match(line)
        if m is None:
            continue
        key = (m.group("pid"), m.group("fd"))
        target = _outside(line)
        if m.group("syscall") == "connect":
            if target:
                connected[key] = target
            else:
                connected.pop(key, None)
        elif target is None and key in connected:
            target = connected[key]  # a send on a socket connected outside: the query itself
        if target:
            calls.append(NetworkCall(int(m.group("pid")), m.group("syscall"), target, line))
    return TracedRun(proc, calls)

