"""jupyter_kernel_test.KernelTests (the Jupyter project's kernel conformance suite) for SeqLab.

Usage: SEQLAB_KERNEL=<kernelspec name> JUPYTER_PATH=<prefix>/share/jupyter python3 -m unittest -v conformance
Every test that applies to Java has samples; only test_pager (IPython's pager payload) does not apply.
"""
import os
import unittest

import jupyter_kernel_test


class SeqLabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("SEQLAB_KERNEL", "seqlab")

    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": '"abc".subs', "matches": {"substring("}},
        {"text": "List.o", "matches": {"of("}},
    ]

    complete_code_samples = ["int x = 1;", "1 + 1", "void f() {}", "import java.util.*;"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y = (1 +", "class A {"]
    invalid_code_samples = ["int x = ;", "}", '"unterminated']

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": '"a" + "b"', "result": "ab"},
        {"code": "Math.sqrt(16)", "result": "4.0"},
    ]

    code_display_data = [
        {"code": 'var c = new XYChartBuilder().width(200).height(120).build();\n'
                 'c.addSeries("s", new double[] {1, 2}, new double[] {3, 4});\n'
                 'display(c);', "mime": "image/png"},
        {"code": 'display(Table.create("t", IntColumn.create("n", 1, 2, 3)));', "mime": "text/html"},
        {"code": 'display("plain");', "mime": "text/plain"},
    ]

    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main()
