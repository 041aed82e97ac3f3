FROM alpine AS a
CMD ["a"]
ENTRYPOINT ["x"]
HEALTHCHECK CMD true
CMD ["b"]
entrypoint ["y"]
HEALTHCHECK NONE
CMD ["c"]

FROM a
CMD ["only one per stage"]
