FROM python:3.12-slim
WORKDIR /srv
COPY . .
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir -r requirements.txt
CMD ["python", "-m", "app"]
