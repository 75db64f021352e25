FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# The papers: LibreOffice Writer (headless, no GUI libraries) prints the plan overview's
# Word document to PDF (progress/papers/pdf.py); Liberation Serif stands in for Times New
# Roman with the same metrics, so pages break as in Word.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
RUN useradd --create-home childplan && chown -R childplan /app
USER childplan
EXPOSE 8000
