"""Exports of catalog records for data managers and visitors."""
