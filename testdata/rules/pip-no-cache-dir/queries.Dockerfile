FROM python:3.12-slim
# --version and --help install nothing.
RUN pip --version && python -m pip install --help
# The positive twin.
# want "pip-no-cache-dir"
RUN pip install flask==3.0.3
