(try fromjson catch null) as $r
| if ($r | type) != "object" then "record-invalid-json"
  else ($r | (.OfflinePushInfo.Ext? // .Ext? // .offlinePushInfo.extension? // .extension? // .ext?)) as $e
  | if $e == null then "ext-missing-entity"
    elif ($e | type) == "object" then "ext-double-encoded"
    elif ($e | type) != "string" then "record-field-invalid"
    else (try ($e | fromjson) catch null) as $x
    | if $x == null then "ext-invalid-json"
      elif ($x | type) == "string" then "ext-double-encoded"
      elif ($x | type) != "object" then "ext-not-object"
      elif ($x.entity | type) == "object" then empty
      elif $x.entity == null then "ext-missing-entity"
      else "ext-entity-not-object"
      end
    end
  end
