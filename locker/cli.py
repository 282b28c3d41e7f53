"""The ``locker`` command (ARCHITECTURE.md "The CLI contract"), on the same core as the GUI.

Exit codes: 0 ok; 1 a check found problems (verify); 2 usage or an input/output problem;
3 wrong passphrase or key; 4 not a vault, unsupported version, or damaged.
Messages go to stderr in plain words, never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from locker import __version__
from locker.case import evidence, export, imaging, importer, integrity
from locker.cli_args import add_command, arg_text
from locker.i18n import _
from locker.text import clean_line
from locker.vault import (
    Argon2Params,
    InvalidInput,
    LockedVault,
    Vault,
    VaultError,
    backup,
    change_passphrase,
    rekey,
)
from locker.vault.kdf import KIB_PER_MIB

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_WRONG_KEY, EXIT_DAMAGED = 0, 1, 2, 3, 4
NONE = "-"  # an empty column in a listing


class Secrets:
    """Where passphrases and recovery keys come from: the terminal, or lines of stdin."""

    def __init__(self, from_stdin: bool, recovery_from_stdin: bool, stdin: TextIO) -> None:
        self.from_stdin = from_stdin or recovery_from_stdin
        self.use_recovery = recovery_from_stdin
        self._stdin = stdin

    def _line(self, what: str) -> str:
        line = self._stdin.readline()
        if not line:
            raise InvalidInput(
                _("Expected the {what} on standard input, but it ended.").format(what=what)
            )
        return line.rstrip("\r\n")

    def ask(self, prompt: str, what: str) -> str:
        if self.from_stdin:
            return self._line(what)
        if not sys.stdin.isatty():
            raise InvalidInput(
                _("There is no terminal to type the {what} in. Use --passphrase-stdin.").format(
                    what=what
                )
            )
        return getpass.getpass(prompt)

    def new_passphrase(self) -> str:
        if self.from_stdin:
            return self._line(_("new passphrase"))
        first = self.ask(_("New passphrase: "), _("new passphrase"))
        second = self.ask(_("The same passphrase again: "), _("new passphrase"))
        if first != second:
            raise InvalidInput(_("The two passphrases are not the same. Nothing was changed."))
        return first

    def unlock(self, path: str) -> Vault:
        locked = LockedVault.open(path)
        try:
            if self.use_recovery:
                return locked.unlock_with_recovery_key(self._line(_("recovery key")))
            return locked.unlock(self.ask(_("Passphrase: "), _("passphrase")))
        except BaseException:
            locked.close()
            raise


def _err(message: str) -> None:
    """One message line on stderr, with anything read from the vault made safe to show."""
    print(clean_line(message), file=sys.stderr, flush=True)


def _out(line: str) -> None:
    """One line on stdout; names and text from the vault cannot drive the terminal."""
    print(clean_line(line), flush=True)


def _dump(records: object) -> None:
    """ASCII-only JSON on stdout: every non-ASCII or control character is a \\u escape."""
    print(json.dumps(records, ensure_ascii=True, indent=1), flush=True)


def public_json(record: Any) -> dict[str, Any]:
    """A case record (a dataclass) as ``--json`` prints it: every field but its ``salt``
    (random bytes that keep the custody log's hashes from confirming guesses; FORMAT.md §9.5)."""
    data = dataclasses.asdict(record)
    data.pop("salt", None)
    return data


def _report_damaged(damaged: list[str], sentence: str) -> int:
    """``sentence`` (with ``{id}``) on stderr for each damaged record; the exit code."""
    for record_id in damaged:
        _err(sentence.format(id=record_id))
    return EXIT_DAMAGED if damaged else EXIT_OK


def _kdf_params(args: argparse.Namespace) -> Argon2Params | None:
    """The Argon2id cost given on the command line, or None to measure (init) / keep (passwd)."""
    memory, iterations = getattr(args, "kdf_memory", None), getattr(args, "kdf_iterations", None)
    if memory is None and iterations is None:
        return None
    floor = Argon2Params.floor()
    params = Argon2Params(
        memory * KIB_PER_MIB if memory is not None else floor.memory_kib,
        iterations if iterations is not None else floor.iterations,
        floor.lanes,
    )
    params.check_for_creation()
    return params


def cmd_init(args: argparse.Namespace, secrets: Secrets) -> int:
    passphrase = secrets.new_passphrase()
    params = _kdf_params(args)
    if params is None:
        _err(
            _(
                "Measuring this computer's speed to choose the key-derivation cost (about 2 seconds)..."
            )
        )
    vault, recovery = Vault.create(args.vault, passphrase, params)  # None: calibrated here
    vault.lock()
    _err(
        _(
            "The vault was created. Below is its recovery key. It is shown only this once: write it "
            "down or print it and keep it somewhere safe, away from this computer. It opens the "
            "vault if the passphrase is forgotten."
        )
    )
    print(recovery, flush=True)
    return EXIT_OK


def cmd_add(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        failed = 0
        for path in args.files:
            try:
                item = importer.import_file(
                    vault,
                    path,
                    title=arg_text(args.title),
                    note=arg_text(args.note) or "",
                    url=arg_text(args.url) or "",
                    platform=arg_text(args.platform) or "",
                    account=arg_text(args.account) or "",
                    intimate=args.intimate,
                    allow_pipes=True,  # `locker add V <(...)`: the user chose the pipe
                )
            except InvalidInput as exc:
                failed += 1
                _err(_("Not added: {name}: {why}").format(name=os.fsdecode(path), why=exc.message))
                continue
            print(item.id, flush=True)
        return EXIT_USAGE if failed else EXIT_OK


def _item_json(item: evidence.EvidenceItem) -> dict[str, object]:
    keys = (
        "id",
        "title",
        "original_name",
        "size",
        "sha256",
        "media_type",
        "added_at",
        "intimate",
        "url",
        "platform",
        "account",
        "happened_at",
        "happened_tz",
        "provenance",
    )
    return {k: getattr(item, k) for k in keys}


def cmd_list(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        items, damaged = evidence.list_items(vault)
    if args.json:
        _dump([_item_json(i) for i in items])
    else:
        for i in items:
            flag = " " + _("[intimate]") if i.intimate else ""
            _out(f"{i.id}  {i.added_at}  {i.size:>12}  {i.sha256[:16]}  {i.title}{flag}")
    return _report_damaged(
        damaged, _("Item {id} is damaged and could not be read; the others are listed.")
    )


def cmd_export(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        result = export.export_item(vault, args.id, args.out, force=args.force)
    if result.unlogged:
        _err(
            _(
                "This export could not be recorded in the custody log: {why} "
                "Run 'locker verify' to see what is wrong."
            ).format(why=result.unlogged)
        )
    _err(
        _(
            "Exported. Please note: this copy is NOT encrypted. Anyone who can open files on this "
            "computer can see it; delete it when it is no longer needed."
        )
    )
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        report = integrity.verify_case(vault)
    for problem in report.problems:
        _out(problem)
    _out(report.summary())
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def cmd_log(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        entries, problems = vault.custody_log()
    if args.json:
        _dump([e.to_json() for e in entries])
    else:
        for e in entries:
            _out(f"{e.seq:>5}  {e.at}  {e.action:<18}  {e.item or NONE:<16}  {e.summary}")
        if entries:
            print(_("Head hash: {hash}").format(hash=entries[-1].hash))
    for problem in problems:
        _err(problem)
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_passwd(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        change_passphrase(vault, secrets.new_passphrase(), _kdf_params(args))
    _err(_("The passphrase was changed. The old passphrase no longer opens this vault."))
    return EXIT_OK


def cmd_rekey(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        recovery = rekey(vault, secrets.new_passphrase(), _kdf_params(args))
    _err(
        _(
            "Everything was re-encrypted with a new key. The old passphrase and the old recovery key "
            "no longer open this vault (older copies or backups still open with them). "
            "The new recovery key is below, shown only this once: write it down or print it."
        )
    )
    print(recovery, flush=True)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, secrets: Secrets) -> int:
    with secrets.unlock(args.vault) as vault:
        report = backup(vault, args.dest, force=args.force)
    _err(_("Backup copy written and verified. {summary}").format(summary=report.summary()))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="locker",
        description=_(
            "Evidence Locker: keep evidence in an encrypted vault file on this computer."
        ),
    )
    parser.add_argument("--version", action="version", version=f"locker {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func: Callable[..., int], help_text: str) -> argparse.ArgumentParser:
        return add_command(sub, name, func, help_text, recovery_key=name != "init")

    p = command("init", cmd_init, _("create a new vault; prints its recovery key once"))
    p.add_argument(
        "--kdf-memory",
        type=int,
        metavar="MIB",
        help=_("Argon2id memory in MiB (default: measured)"),
    )
    p.add_argument(
        "--kdf-iterations", type=int, metavar="N", help=_("Argon2id iterations (default: measured)")
    )

    p = command("add", cmd_add, _("add files; prints one item id per line"))
    p.add_argument("files", metavar="FILE", nargs="+", type=Path)
    for opt, what in (
        ("--title", "title"),
        ("--note", "note"),
        ("--url", "full web address"),
        ("--platform", "platform or site"),
        ("--account", "account or handle"),
    ):
        p.add_argument(opt, help=what)
    p.add_argument(
        "--intimate",
        action="store_true",
        help=_("mark as an intimate image (hidden until revealed)"),
    )

    p = command("list", cmd_list, _("list the items"))
    p.add_argument("--json", action="store_true")

    p = command("export", cmd_export, _("write an item's original bytes to a file (not encrypted)"))
    p.add_argument("id", metavar="ID")
    p.add_argument("out", metavar="OUT", type=Path)
    p.add_argument("--force", action="store_true", help=_("replace OUT if it exists"))

    command("verify", cmd_verify, _("re-hash every item and check the custody log"))
    p = command("log", cmd_log, _("show the custody log"))
    p.add_argument("--json", action="store_true")

    for name, func, text in (
        ("passwd", cmd_passwd, _("change the passphrase")),
        (
            "rekey",
            cmd_rekey,
            _("new master key; everything re-encrypted; new passphrase and recovery key"),
        ),
    ):
        p = command(name, func, text)
        p.add_argument("--kdf-memory", type=int, metavar="MIB")
        p.add_argument("--kdf-iterations", type=int, metavar="N")

    p = command("backup", cmd_backup, _("write a verified copy of the vault"))
    p.add_argument("dest", metavar="DEST", type=Path)
    p.add_argument("--force", action="store_true", help=_("replace DEST if it exists"))

    # Imported here, not at the top: cli_case uses this module's helpers (Secrets, _out...).
    from locker import cli_case, cli_guide, cli_report

    cli_case.add_case_commands(sub)
    cli_guide.add_guide_commands(sub)
    cli_report.add_report_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # The import refuses oversized images itself (imaging.MAX_PIXELS); Pillow's own warning for
    # them would be a second, technical line on stderr. Set once, before any thread exists.
    warnings.simplefilter("ignore", imaging.BombWarning)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    secrets = Secrets(args.passphrase_stdin, getattr(args, "recovery_key_stdin", False), sys.stdin)
    try:
        return int(args.func(args, secrets))
    except VaultError as exc:
        _err(exc.message)
        return exc.exit_code
    except KeyboardInterrupt:
        _err(_("Stopped. Nothing half-done was kept."))
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never a traceback for the user
        _err(
            _(
                "An unexpected problem stopped the command ({kind}). The vault was not changed by it."
            ).format(kind=type(exc).__name__)
        )
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
