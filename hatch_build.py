"""Build hook: compile the checker's scanner (src/nkterms/_speedups.c) into the wheel.

setuptools' build_ext does the compiling, so compiler and flags are those CPython was built
with. Without a working C compiler the wheel is still built, pure Python, with a warning: the
checker then runs its Python path only (the same findings, about ten times slower). Set
NKTERMS_REQUIRE_SPEEDUPS=1 to make that an error instead.

An editable install (`pip install -e .`) gets the module next to its source in src/nkterms/,
where the editable install's path finds it.
"""

from __future__ import annotations

import glob
import os
import shutil
import sys
import tempfile

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = os.path.join("src", "nkterms", "_speedups.c")


class SpeedupsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        work = self._work = tempfile.mkdtemp(prefix="nkterms-build-")
        if version == "editable":  # a module left from an earlier build must not outlive a failure
            for name in glob.glob(os.path.join(self.root, "src", "nkterms", "_speedups.*")):
                if not name.endswith(".c"):
                    os.remove(name)
        try:
            built = self._compile(work)
        except Exception as err:  # noqa: BLE001 (any compiler failure means: build pure)
            if os.environ.get("NKTERMS_REQUIRE_SPEEDUPS"):
                raise
            print(
                f"nkterms: warning: the compiled scanner was not built ({err}); "
                "`nkterms check` will use its slower Python path",
                file=sys.stderr,
            )
            return
        name = os.path.basename(built)
        if version == "editable":
            shutil.copy2(built, os.path.join(self.root, "src", "nkterms", name))
        else:
            build_data["force_include"][built] = f"nkterms/{name}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if self.target_name == "wheel":  # the wheel holds its copy of the module by now
            shutil.rmtree(self._work, ignore_errors=True)

    def _compile(self, work: str) -> str:
        from setuptools import Distribution, Extension
        from setuptools.command.build_ext import build_ext

        extension = Extension(
            "nkterms._speedups",
            [os.path.join(self.root, SOURCE)],
            extra_compile_args=["-O2"] if os.name != "nt" else [],
        )
        command = build_ext(Distribution({"ext_modules": [extension]}))
        command.build_lib = os.path.join(work, "lib")
        command.build_temp = os.path.join(work, "temp")
        command.ensure_finalized()
        command.run()
        return command.get_ext_fullpath("nkterms._speedups")
