FROM alpine AS Builder
RUN echo hi

FROM alpine AS final
COPY --from=builder /etc/os-release /x
