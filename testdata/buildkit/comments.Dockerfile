# escape=`
FROM alpine AS base
ENV A=1 `
    B=$NOPE `

    C=`$ESCAPED
WORKDIR C:\\x
# check=skip=JSONArgsRecommended
CMD run me
# check=skip=all
CMD run again

# a doc comment
# check=skip=StageNameCasing,FromAsCasing
FROM base as Final
MAINTAINER x
ENV TOKEN abc
