FROM python:3.12-slim
WORKDIR /app
# dependencies first
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
copy --chown=app:app --link . .
ADD app.tar.gz /opt/
COPY <<EOF /etc/app.conf
debug = false
EOF
CMD ["python", "main.py"]
