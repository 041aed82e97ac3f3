FROM python:3.11-slim-bookworm
# One RUN, one finding, with every tool it installs, whichever branch runs.
# want "build-tools-in-final-stage"
RUN if [ "$USE_CUDA" = "true" ]; then \
      apt-get update && apt-get install -y --no-install-recommends gcc python3-dev; \
    else \
      apt-get update && apt-get install -y --no-install-recommends gcc python3-dev; \
    fi && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir -r requirements.txt
CMD ["python", "main.py"]
